package org.assayquant.core.blot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.assayquant.core.AssayException;
import org.assayquant.core.blot.BlotQuantifier.Box;

/**
 * Bands a person drew or corrected (the ROI Manager's "L3 R2" rectangles): a lane that has drawn
 * bands is measured at exactly those rectangles, a drawn band identical to the one found keeps
 * what was found (a doublet's shares, its reasons), so an unchanged set replays to the same
 * numbers. A lane whose drawn bands no longer lie in it (the lane was moved) has its bands found
 * again, since they were found in the old place.
 */
final class DrawnBands {
    private DrawnBands() {}

    /** Replaces the found boxes of each lane with drawn bands; returns notes for the warnings. */
    static List<String> apply(List<Box> boxes, List<BlotOptions.BandRect> drawn, List<LaneFinder.Span> spans, int width, int height) {
        Map<Integer, List<BlotOptions.BandRect>> byLane = new TreeMap<>();
        for (BlotOptions.BandRect r : drawn) {
            if (r.lane() < 0 || r.lane() >= spans.size())
                throw AssayException.invalid("band " + r.name() + ": its lane is not among the " + spans.size() + " lanes");
            if (r.row() < 1) throw AssayException.invalid("band " + r.name() + ": row must be 1 or more");
            if (r.x() < 0 || r.y() < 0 || r.width() < 1 || r.height() < 1 || r.x() + r.width() > width || r.y() + r.height() > height)
                throw AssayException.invalid("band " + r.name() + ": the rectangle lies partly outside the " + width + "x" + height + " image");
            byLane.computeIfAbsent(r.lane(), k -> new ArrayList<>()).add(r);
        }
        List<String> notes = new ArrayList<>();
        for (var e : byLane.entrySet()) {
            int lane = e.getKey();
            LaneFinder.Span span = spans.get(lane);
            if (e.getValue().stream().anyMatch(r -> r.x() + r.width() / 2.0 < span.left() || r.x() + r.width() / 2.0 > span.right())) {
                notes.add("lane " + (lane + 1) + " was moved away from its drawn bands: its bands were found again");
                continue;
            }
            List<Box> found = boxes.stream().filter(b -> b.lane == lane).toList();
            boxes.removeAll(found);
            for (BlotOptions.BandRect r : e.getValue()) {
                Box same = found.stream().filter(b -> b.x == r.x() && b.y == r.y() && b.w == r.width() && b.h == r.height() && b.row == r.row() - 1)
                        .findFirst().orElse(null);
                if (same != null) {
                    boxes.add(same);
                    continue;
                }
                Box b = new Box(lane, r.x(), r.y(), r.width(), r.height(), 0, true);
                b.row = r.row() - 1;
                b.drawn = true;
                boxes.add(b);
            }
        }
        return notes;
    }
}
