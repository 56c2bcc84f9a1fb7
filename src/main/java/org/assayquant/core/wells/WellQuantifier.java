package org.assayquant.core.wells;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.assayquant.core.AssayException;
import org.assayquant.core.Medians;
import org.assayquant.core.Parallel;

/**
 * Colony-formation / crystal-violet quantification of one plate image: wells, stain channel and
 * polarity, then colonies and stain per well ({@link ColonyCounter}).
 */
public final class WellQuantifier {
    private WellQuantifier() {}

    public static WellResult quantify(PlateImage img, WellOptions o) {
        return quantify(img, o, Runtime.getRuntime().availableProcessors());
    }

    /**
     * With colonies smaller than {@code minDiameterMm} left out (0: off, {@code o.minColonyArea}
     * applies): the scale is {@code calibratedPxPerMm} when the image has one (> 0), else the plate's
     * ({@link WellResult#plateScale}, from a first pass that finds the wells; the second pass keeps
     * its format). Null when there is no scale: a dish, or manual wells without a plate format.
     */
    public static WellResult quantify(PlateImage img, WellOptions o, double minDiameterMm, double calibratedPxPerMm) {
        if (minDiameterMm > 0 && calibratedPxPerMm > 0) o.minColonyArea = minArea(minDiameterMm, calibratedPxPerMm);
        WellResult result = quantify(img, o);
        if (!(minDiameterMm > 0) || calibratedPxPerMm > 0) return result;
        double plateScale = result.plateScale();
        if (!(plateScale > 0)) return null;
        o.minColonyArea = minArea(minDiameterMm, plateScale);
        if (o.manualWells.isEmpty()) o.format = result.format();
        return quantify(img, o);
    }

    /** The area in pixels of a colony of this diameter at this scale (at least 1). */
    static double minArea(double diameterMm, double pxPerMm) {
        return Math.max(1, Math.PI / 4 * Math.pow(diameterMm * pxPerMm, 2));
    }

    /** With the wells counted on up to {@code threads} threads (the result does not depend on it). */
    static WellResult quantify(PlateImage img, WellOptions o, int threads) {
        List<String> warnings = new ArrayList<>();
        WellFinder.Plate plate;
        if (!o.manualWells.isEmpty()) {
            plate = new WellFinder.Plate(o.manualWells.size() == 1 ? PlateFormat.DISH : o.format == null ? PlateFormat.DISH : o.format,
                    1, o.manualWells.size(), o.manualWells, 0, o.manualWells.size());
        } else {
            plate = WellFinder.find(img, o.format);
            int missing = plate.format().wells() - plate.wellsSeen();
            if (missing > 0) warnings.add(missing + " of " + plate.format().wells() + " well walls not seen: placed from the plate lattice (check the overlay)");
            if (!plate.doubts().isEmpty()) warnings.add("the plate's well lattice needs a look: " + String.join("; ", plate.doubts()) + " (every well is flagged 'lattice')");
            if (plate.weakWalls()) warnings.add("the walls found back under " + Math.round(100 * WellFinder.WALL_PROOF) + "% of their circles: "
                    + (plate.format() == PlateFormat.DISH ? "it may be no dish" : "it may be no plate") + " (a blot, a gel, a lid's edge); check the overlay (flagged 'weak_wall')");
        }
        double keep = 1 - o.marginPercent / 100;
        List<Circle> analysed = new ArrayList<>();
        for (Circle c : plate.wells()) analysed.add(c.withRadius(c.r() * keep));

        // a dish's glare (lid reflections) is left out of every statistic below and of the analysed region
        Glare glare = plate.format() == PlateFormat.DISH && analysed.size() == 1 ? Glare.find(img, analysed.get(0)) : null;
        // plaques are clearings: lighter than the stained monolayer (or lawn) they lie in
        WellOptions.Polarity polarity = o.polarity != WellOptions.Polarity.AUTO ? o.polarity
                : o.mode == WellOptions.Mode.PLAQUES ? WellOptions.Polarity.LIGHT_COLONIES : polarity(img, analysed, glare);
        boolean polarityUnsure = o.polarity == WellOptions.Polarity.AUTO && o.mode == WellOptions.Mode.PLAQUES
                && plate.format() == PlateFormat.DISH && analysed.size() == 1 && darkTailShare(img, analysed, glare) >= LAWN_DARK_TAIL
                || o.polarity == WellOptions.Polarity.AUTO && o.mode == WellOptions.Mode.COLONIES && analysed.size() > 1
                && polarity == WellOptions.Polarity.LIGHT_COLONIES && img.channels() == 3 && greyGapsInColour(img, analysed);
        boolean dark = polarity == WellOptions.Polarity.DARK_STAIN;
        boolean lawnDish = o.mode == WellOptions.Mode.COLONIES && o.manualWells.isEmpty() && plate.format() == PlateFormat.DISH && analysed.size() == 1;
        boolean darkLawn = lawnDish && dark && surroundShare(img, analysed.get(0), plate.wells().get(0), glare) <= LAWN_SURROUND;
        // or, whatever the bench, the dish's spots are holes (a gray image has no tint to judge): judged on a free
        // processor while the dish is measured (a pure function of the image; a 6-MP dish's 0.6 s of CPU)
        boolean judgeHoles = lawnDish && !darkLawn && img.channels() == 3;
        Supplier<Boolean> holesTask = judgeHoles ? () -> Holes.of(img, analysed.get(0), glare).holes() : () -> false;
        String channelName;
        boolean plaques = o.mode == WellOptions.Mode.PLAQUES;
        List<ColonyCounter.Measure> measures;
        Whole whole;
        // left when the lawn's answer is read or anything below throws: the test's thread has ended by then
        try (Parallel.Forked<Boolean> holes = Parallel.fork("assayquant-holes", holesTask, judgeHoles && threads >= 2)) {
            int ch = channel(img, o.channel, dark, o.mode == WellOptions.Mode.COLONIES, analysed, glare);
            channelName = img.channels() == 1 ? "gray" : new String[] {"red", "green", "blue"}[ch];
            // each well is measured on its own (a pure function of the image and its circle): in parallel,
            // the results gathered in well order, so the output does not depend on the thread count
            measures = Parallel.map(analysed.size(), threads, "assayquant-wells", k -> {
                Circle c = analysed.get(k);
                double ball = o.backgroundRadius > 0 ? o.backgroundRadius : Math.max(15, c.r() / 10);
                return ColonyCounter.measure(img, ch, dark, c, ball, o.backgroundRadius <= 0,
                        o.minColonyArea, o.thresholdSigma, plaques ? ColonyCounter.PEEL_SECTORS
                                : plate.format() == PlateFormat.DISH && analysed.size() == 1 ? ColonyCounter.BAND_SECTORS : 0,
                        plaques ? ColonyCounter.PEEL_FRINGE : 0, glare, threads >= 2 * analysed.size(), analysed.size() > 1, plaques && analysed.size() > 1,
                        !plaques && plate.format() == PlateFormat.DISH && analysed.size() == 1
                                ? plate.wells().get(k).withRadius(plate.wells().get(k).r() * (1 - ColonyCounter.RING * o.marginPercent / 100)) : null);
            });
            whole = new Whole(!plate.doubts().isEmpty(), o.manualWells.isEmpty() && plate.weakWalls(), polarityUnsure, darkLawn || holes.get());
        }
        // a domed colony's highlight cut off as a second colony (plaques are flat clearings)
        if (!plaques) measures = measures.stream().map(Caps::without).toList();
        // a dish's specks as a size group of their own, far below its colonies (a plate's: withoutPlateSpecks)
        if (!plaques && plate.format() == PlateFormat.DISH && analysed.size() == 1) measures = List.of(SpeckGroup.without(measures.get(0), analysed.get(0)));
        // colonies' reflections in the lid or the dish's bottom: a faint copy of each at one field of offsets
        if (!plaques) measures = measures.stream().map(Reflections::without).toList();
        if (analysed.size() > 1) {
            measures = withoutPlateSpecks(measures, analysed);
            // the pipette tip's scrape at one side of every well is no plaque, nor texture: left out before the
            // plate's texture is judged (colony plates: not measured there)
            if (plaques) measures = TipMarks.without(measures, analysed, TipMarks.side(measures, analysed));
            measures = PartlyCleared.judged(measures);
        }
        // plaques on a plate: a peeled well's count is scaled to the whole well (wholeWell)
        boolean wholeWells = plaques && analysed.size() > 1;
        double plaqueArea = wholeWells ? medianArea(measures) : 0;
        boolean[] cleared = wholeWells ? cleared(measures, img.maxValue) : new boolean[measures.size()];
        List<WellResult.Well> wells = new ArrayList<>();
        List<WellResult.Colony> colonies = new ArrayList<>();
        List<WellResult.Rejected> rejected = new ArrayList<>();
        for (int k = 0; k < analysed.size(); k++) {
            Circle c = analysed.get(k);
            int row = plate.format() == PlateFormat.DISH && o.manualWells.isEmpty() ? 0 : k / plate.cols();
            int col = plate.format() == PlateFormat.DISH && o.manualWells.isEmpty() ? 0 : k % plate.cols();
            if (o.mirror && o.manualWells.isEmpty() && plate.format() != PlateFormat.DISH) col = plate.cols() - 1 - col; // seen from below: column 1 at the image's right
            String label = o.manualWells.isEmpty() ? plate.format().label(row, col) : "W" + (k + 1);
            ColonyCounter.Measure m = measures.get(k);
            double areaSum = 0;
            for (ColonyCounter.Colony cc : m.colonies()) {
                colonies.add(new WellResult.Colony(label, cc.x(), cc.y(), cc.area()));
                areaSum += cc.area();
            }
            for (ColonyCounter.Rejected rj : m.rejected())
                rejected.add(notCounted(label, rj.x(), rj.y(), rj.area(), rj.reason()));
            // the glare left out (a dish has one analysed circle) is shown where it lies, as a rejected piece
            List<Glare.Piece> glared = glare == null ? List.of() : glare.pieces();
            for (Glare.Piece g : glared) rejected.add(notCounted(label, g.x(), g.y(), g.area(), ColonyCounter.Reject.GLARE));
            int n = m.colonies().size();
            // a crowded plaque well on a plate, its threshold at full scale: its light spots counted where they are more (CrowdedPlaques)
            if (wholeWells) n = Math.max(n, m.spots());
            boolean found = plate.wells().get(k).support() > 0;
            wells.add(new WellResult.Well(label, row, col, c.x(), c.y(), c.r(), plate.wells().get(k).r(),
                    wholeWells ? wholeWell(n, m, plaqueArea) : n,
                    m.pixels() == 0 ? Double.NaN : 100.0 * m.stainedPixels() / m.pixels(),
                    m.pixels() == 0 ? Double.NaN : 100.0 * m.stainSum() / (m.pixels() * img.maxValue),
                    dark ? m.iod() : Double.NaN, m.colonies().isEmpty() ? Double.NaN : areaSum / m.colonies().size(), m.pixels(), m.threshold(),
                    found, m.rejected().size() + glared.size(), checks(m, found || !o.manualWells.isEmpty(), whole, areaSum, plaques, o.minColonyArea, cleared[k])));
        }
        return new WellResult(plate.format(), wells, colonies, rejected, channelName, polarity, plate.rotationDegrees(), plate.wellsSeen(), warnings);
    }

    /** colonies.csv's row of an object not counted: the reason's key and the kind it declares. */
    private static WellResult.Rejected notCounted(String well, double x, double y, int area, ColonyCounter.Reject why) {
        return new WellResult.Rejected(well, x, y, area, why.key(), why.kind);
    }

    /**
     * On a plate, objects smaller than this fraction of the plate's typical colony (the median area
     * of all colonies counted, known from at least PLATE_COLONIES of them) are dust, not colonies,
     * in every well: a well's own typical colony cannot tell an empty well's dust (issue 19: an
     * empty well with dust and haze read 31). Measured on a synthetic 6-well photo with 300 dust
     * specks of radius up to 1.5 px (OD 0.8) among colonies of 0.8 mm at 5 px/mm: empty wells 2 and
     * 8 -> 1 and 6, wells of 40 43-46 -> 42-44 (the smoothed dust measures 17-29 px against the
     * colonies' median 66, so most stays); a quarter keeps the smallest real colonies (area
     * log-sd 0.6: 1 % of them below it) and leaves both sample plates' counts as they were.
     */
    static final double PLATE_SPECK = 0.25;
    static final int PLATE_COLONIES = 20;

    static List<ColonyCounter.Measure> withoutPlateSpecks(List<ColonyCounter.Measure> measures, List<Circle> analysed) {
        int n = 0;
        for (ColonyCounter.Measure m : measures) n += m.colonies().size();
        if (n < PLATE_COLONIES) return measures;
        double min = PLATE_SPECK * medianArea(measures);
        List<ColonyCounter.Measure> out = new ArrayList<>();
        for (int k = 0; k < measures.size(); k++) out.add(ColonyCounter.withoutSpecks(measures.get(k), min, analysed.get(k)));
        return out;
    }

    /** The median area of the objects counted in the plate's wells (of an even count the upper one, as Medians.upper); 0 when none. */
    static int medianArea(List<ColonyCounter.Measure> measures) {
        int n = 0;
        for (ColonyCounter.Measure m : measures) n += m.colonies().size();
        if (n == 0) return 0;
        int[] areas = new int[n];
        int j = 0;
        for (ColonyCounter.Measure m : measures) for (ColonyCounter.Colony c : m.colonies()) areas[j++] = c.area();
        Arrays.sort(areas);
        return areas[n / 2];
    }

    /**
     * The colony threshold at this fraction of the highest signal the image holds above the
     * background: fainter colonies are lost. The development dishes have 0.025-0.095 (webcam and
     * high-resolution photos); a phone photo with glare under the lid drove it beyond full scale.
     */
    static final double FULL_SCALE = 0.5;

    /** The colony threshold at FULL_SCALE of the highest signal or beyond (or undefined): threshold_at_full_scale. */
    static boolean atFullScale(double threshold, double signalMax) {
        return !(threshold < FULL_SCALE * signalMax);
    }
    /**
     * This fraction of the analysed pixels at the stain's end of full scale is glare (or an
     * over-exposed photo): the development photos have at most 0.6 % (phone photo easy4, counted
     * within its neighbours' error), the webcam dishes 0.02 %.
     */
    static final double GLARE = 0.01;
    /**
     * Rejected objects away from the wall, at least this many and this fraction of the colonies
     * counted (scratches, arcs, specks in the middle of the dish: some of the count may be such
     * fragments too). Next to the wall the rim's fragments are expected and not counted here: the
     * webcam dishes reject 49-105 of them while their counts are within 5 %.
     */
    static final int MANY_REJECTED = 5;
    static final double REJECTED_FRACTION = 0.25;
    /**
     * Colonies covering this fraction of the analysed circle: touching colonies can no longer all be
     * split. Above every development well: the sample plates' crowded wells (up to 32 % in the
     * 12-well, 36 % in the 6-well scan) still count within 5 %; the webcam dishes F and G (15 and
     * 12 %) are 3-9 % low but not for their cover (a colony on a larger one's edge).
     */
    static final double DENSE = 0.4;
    /**
     * Counted objects smaller than SMALL of the well's median counted colony, at least SMALL_COUNT
     * of them and SMALL_FRACTION of the count: the count may hold specks, a colony's halo or
     * highlight crescent, scratch pieces (dishes keep objects down to a twentieth of the typical
     * colony, SPECK, because the webcam dishes have real small colonies). Measured on the
     * development dishes (webcam A-J, high-resolution q01-q10, 19 phone photos): the 6 at 0.15 or
     * more are all over-counted by 12-139 %, the 29 below it are within 15 % but for one (easy12,
     * 0.14, +32 %, flagged many_rejected); held-out (checked once, after): the 5 at 0.15 or more
     * are over-counted by 18-220 %, no dish within 15 % reaches it. Plates lose such objects as
     * specks against the plate's median colony (PLATE_SPECK) before this is judged.
     */
    static final double SMALL = 0.25, SMALL_FRACTION = 0.15;
    static final int SMALL_COUNT = 3;

    /**
     * Plaques: a peeled band leaving out this fraction of the analysed circle makes the count a
     * part of the well's (the plaques under the peeled monolayer are lost): the titer needs a look.
     * The synthetic peels of the tests leave out 12-25 %; a plaque at the wall alone leaves out none.
     */
    static final double PEELED = 0.1;

    /**
     * Plaques on a plate: the count of a well whose band (PEELED) was left out, scaled from the rest of the well
     * to the whole analysed circle, as a person counting part of a well does: plaques lie anywhere in the well,
     * those under a peeled band are lost, and on the 12-well development photos the band is mostly plaques
     * crowding the wall (Brisbane: 11-63 % of the circle left out, median 31 %; all 28 of its wells read low are
     * peeled). The rest is taken a plate's median plaque radius wider than its area's circle: a plaque whose centre
     * lies that far into the band still shows a part in the rest and is counted. Development (150 wells with plaques):
     * within max(2, 25 %) 57 -> 64, Brisbane's 932 -> 1348 plaques for 1266; scaled by the area alone 63 (1562
     * for 1266), the rest half a radius wider 65 (1449); empty wells 62 of 63 within 2 each way.
     */
    static int wholeWell(int n, ColonyCounter.Measure m, double plaqueArea) {
        int all = m.pixels() + m.excluded();
        if (m.pixels() == 0 || m.excluded() < PEELED * all) return n;
        double reach = Math.sqrt(m.pixels() / Math.PI) + Math.sqrt(plaqueArea / Math.PI);
        return (int) Math.round(n * all / Math.min(all, Math.PI * reach * reach));
    }

    /**
     * Plaques: at least FAINT_MIN faint candidates (ColonyCounter.FAINT) and at least FAINT_SHARE
     * of the count make it doubtful: partly cleared plaques are not counted. On the 31 12-well
     * development photos (213 countable wells) the unflagged wells went from 93 of 132 within
     * max(2, 25 %) to 90 of 110: 22 more wells flagged, 19 of them counted wrong (mostly 0-5 for
     * 9-31 plaques). Chosen on the 183 of those wells whose candidates were logged (unflagged
     * within: none 90 of 111, this rule 87 of 96): 2 candidates gave 87 of 94, 4 gave 89 of 104;
     * FAINT_SHARE 0 the same, 1 87 of 98.
     */
    static final int FAINT_MIN = 3;
    static final double FAINT_SHARE = 0.5;

    /**
     * Half or more of the count (at least AT_FLOOR_COUNT objects) smaller than AT_FLOOR x the
     * minimum colony area: the typical object is itself at the size floor, so the population runs
     * on below it and the count is set by the floor, not by the objects (lawn grain, debris specks).
     * OnePetri development photos (issue 19, plaque lawns counted with mode=colonies): the two
     * photos at 0.66 and 0.73 were ok and 716 % and 7036 % over (lawn grain at thresholds 1.9 and
     * 9.6), two more at 0.34 and 0.73 already flagged; every other photo at most 0.12 (the six
     * within 20 % at most 0.07). The webcam dishes, both sample plates and the EPFL plaque plates
     * checked have at most 0.05.
     */
    static final double AT_FLOOR = 2, AT_FLOOR_SHARE = 0.5;
    static final int AT_FLOOR_COUNT = 20;

    /**
     * What the whole image says of each of its wells: the plate's lattice is doubtful; the walls found
     * back under WellFinder.WALL_PROOF of their circles (found, not given as ROIs); a dish
     * holds dark spots as strong as the plaques; the dish's objects are holes in a lawn.
     */
    record Whole(boolean latticeDoubt, boolean weakWall, boolean polarityUnsure, boolean lawn) {
        static final Whole NONE = new Whole(false, false, false, false);
    }

    /**
     * Plaques on a plate: a well whose monolayer (its median) is lighter than the plate's most intact well's by at
     * least this fraction of that well's headroom to full scale is largely cleared: plaques grown together, too many
     * to count (the wells of a dilution series' first columns the people could not count), or a monolayer lysed or
     * lost. Its count is of the few objects the threshold still separates: main (4746a17) read 0-2 `ok` in 29 of the
     * 147 wells the people could not count on the 12-well development photos (31; PR8v's first columns). There
     * (`measure/plaque_cleared.py`) those 29 lie at 0.18-0.39 of the headroom but one (at 0), every countable well
     * read `ok` at most 0.09; the 20 countable wells above 0.13 (plaques over half the well) are all `check` already.
     * Half-way across the gap: 0.13.
     */
    static final double CLEARED = 0.13;

    /** Per well of a plaque plate: its monolayer is CLEARED lighter than the plate's most intact well's (the lowest level). */
    static boolean[] cleared(List<ColonyCounter.Measure> measures, double maxValue) {
        boolean[] out = new boolean[measures.size()];
        double intact = Double.POSITIVE_INFINITY;
        for (ColonyCounter.Measure m : measures) if (m.pixels() > 0 && m.level() < intact) intact = m.level();
        if (intact == Double.POSITIVE_INFINITY || !(maxValue > intact)) return out;
        for (int k = 0; k < out.length; k++) {
            ColonyCounter.Measure m = measures.get(k);
            out[k] = m.pixels() > 0 && m.level() - intact >= CLEARED * (maxValue - intact);
        }
        return out;
    }

    /** Why a well's numbers need a look (empty: none). {@code cleared}: a plaque well's monolayer largely cleared ({@link #cleared}). */
    static List<WellResult.Check> checks(ColonyCounter.Measure m, boolean wallSeen, Whole whole, double colonyArea, boolean plaques,
                                         double minArea, boolean cleared) {
        List<WellResult.Check> out = new ArrayList<>();
        if (!wallSeen) out.add(WellResult.Check.WALL_NOT_SEEN);
        if (whole.latticeDoubt()) out.add(WellResult.Check.LATTICE);
        if (whole.weakWall()) out.add(WellResult.Check.WEAK_WALL);
        if (m.pixels() > 0) measured(m, colonyArea, plaques, minArea, out);
        if (cleared) out.add(WellResult.Check.CLEARED);
        if (whole.polarityUnsure()) out.add(WellResult.Check.POLARITY_UNSURE);
        // with the threshold at full scale no dark object is seen, so none can be called a hole: a phone
        // colony dish under a glaring lid (held-out multi11, light colonies, auto chose dark) reads 0 so
        if (whole.lawn() && !out.contains(WellResult.Check.THRESHOLD_AT_FULL_SCALE)) out.add(WellResult.Check.LAWN);
        return out;
    }

    /** The reasons the well's own measure gives. */
    private static void measured(ColonyCounter.Measure m, double colonyArea, boolean plaques, double minArea, List<WellResult.Check> out) {
        if (atFullScale(m.threshold(), m.signalMax())) out.add(WellResult.Check.THRESHOLD_AT_FULL_SCALE);
        if (m.saturated() >= GLARE * m.pixels() || m.glare() > 0) out.add(WellResult.Check.GLARE);
        int rej = m.inner();
        if (rej >= MANY_REJECTED && rej >= REJECTED_FRACTION * m.colonies().size()) out.add(WellResult.Check.MANY_REJECTED);
        if (manySmall(m.colonies())) out.add(WellResult.Check.SMALL_OBJECTS);
        if (Reflections.flagged(m)) out.add(WellResult.Check.REFLECTION);
        if (atFloor(m.colonies(), minArea)) out.add(WellResult.Check.AT_SIZE_FLOOR);
        // a grown-together stain (read against its clear floor) is no count either, however little of it was counted
        if (colonyArea >= DENSE * m.pixels() || m.confluent()) out.add(WellResult.Check.DENSE);
        if (plaques && m.excluded() >= PEELED * (m.pixels() + m.excluded())) out.add(WellResult.Check.PEELED);
        // the band as deep as a peel's, judged plaques: their count by the wall is cut at the ring, as doubtful as a peel's
        else if (plaques && m.excluded() + m.wall() >= PEELED * (m.pixels() + m.excluded())) out.add(WellResult.Check.WALL_PLAQUES);
        if (plaques && m.faint() >= FAINT_MIN && m.faint() >= FAINT_SHARE * m.colonies().size()) out.add(WellResult.Check.FAINT_PLAQUES);
        if (plaques && pieces(m.colonies()) >= PIECES) out.add(WellResult.Check.PLAQUE_PIECES);
    }

    /**
     * Plaques: a counted object smaller than PIECE_AREA of another whose centre lies within PIECE_REACH
     * of that one's equivalent radius is likely a piece of its edge: a large mottled plaque's ring is cut
     * by the threshold into a core and small pieces around it (12-well development photos, Brisbane 3
     * B3: 9 for 2, five pieces around one plaque's core). PIECES of them in a well make its count doubtful.
     * Not rejected: in the crowded wells, undercounted as they are, the same rule takes real small plaques
     * beside large ones (rejecting them, development within 120 -> 115-119 of 213 over PIECE_AREA
     * 0.1-0.3 and PIECE_REACH 1.25-2). As a reason, on the development wells left ok: at PIECES 2 it flags
     * 3 (Brisbane 3 B3 9 for 2, Brisbane 9 B3 6 for 3, Brisbane 6 A3 10 for 9) at every PIECE_AREA 0.1-0.3
     * and PIECE_REACH 1.5-2; at PIECES 3 only Brisbane 6 A3 (0.1) or it and Brisbane 3 B3 (0.15-0.3).
     */
    static final double PIECE_AREA = 0.2, PIECE_REACH = 1.5;
    static final int PIECES = 2;

    /**
     * The counted objects that lie by a larger one as pieces of its edge (see PIECE_AREA): each object against
     * the objects whose reach could hold its centre ({@link Hosts}), not against all (quadratic in a crowded well).
     */
    static int pieces(List<ColonyCounter.Colony> colonies) {
        Hosts<ColonyCounter.Colony> hosts = new Hosts<>(colonies, PIECE_REACH);
        int n = 0;
        for (int i = 0; i < colonies.size(); i++) {
            ColonyCounter.Colony k = colonies.get(i);
            for (ColonyCounter.Colony h : hosts.near(i)) {
                if (k.area() >= PIECE_AREA * h.area()) continue;
                double reach = PIECE_REACH * Math.sqrt(h.area() / Math.PI);
                if (Math.hypot(h.x() - k.x(), h.y() - k.y()) < reach) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    static boolean atFloor(List<ColonyCounter.Colony> colonies, double minArea) {
        int n = colonies.size();
        if (n < AT_FLOOR_COUNT) return false;
        int small = 0;
        for (ColonyCounter.Colony c : colonies) if (c.area() < AT_FLOOR * minArea) small++;
        return small >= AT_FLOOR_SHARE * n;
    }

    static boolean manySmall(List<ColonyCounter.Colony> colonies) {
        int n = colonies.size();
        if (n < SMALL_COUNT) return false;
        int[] areas = new int[n];
        for (int k = 0; k < n; k++) areas[k] = colonies.get(k).area();
        Arrays.sort(areas);
        double below = SMALL * areas[n / 2];
        int small = 0;
        while (small < n && areas[small] < below) small++;
        return small >= SMALL_COUNT && small >= SMALL_FRACTION * n;
    }

    /** A growing float array (the samples below were boxed Floats in a list). */
    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) a = Arrays.copyOf(a, 2 * n);
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** About 20000 pixels of channel ch (or the mean) from inside the analysed circles but the glare (null: none), sorted. */
    private static float[] sample(PlateImage r, int ch, List<Circle> circles, Glare glare) {
        FloatList v = new FloatList();
        forGrid(r, circles, glare, 20000, i -> v.add(r.get(ch, i)));
        float[] a = v.toArray();
        Arrays.sort(a);
        if (a.length == 0) throw AssayException.failed("the wells lie outside the image");
        return a;
    }

    /**
     * Each pixel (its index) of a square grid of about {@code target} points inside the circles but the glare (null:
     * none), circle by circle, row by row: a sample of a plate's wells.
     */
    private static void forGrid(PlateImage img, List<Circle> circles, Glare glare, double target, java.util.function.IntConsumer pixel) {
        long area = 0;
        for (Circle c : circles) area += (long) (Math.PI * c.r() * c.r());
        int step = (int) Math.max(1, Math.sqrt(area / target));
        for (Circle c : circles)
            for (int y = (int) Math.max(0, c.y() - c.r()); y < Math.min(img.height, c.y() + c.r()); y += step)
                for (int x = (int) Math.max(0, c.x() - c.r()); x < Math.min(img.width, c.x() + c.r()); x += step) {
                    double dx = x + 0.5 - c.x(), dy = y + 0.5 - c.y();
                    if (dx * dx + dy * dy <= c.r() * c.r() && (glare == null || !glare.at(x, y))) pixel.accept(y * img.width + x);
                }
    }

    private static float at(float[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    /**
     * Pixel-to-pixel noise inside the circles (robust SD of neighbour differences / sqrt 2): blind to smooth
     * shading and illumination bands, which must not pick the channel. Of horizontal and vertical neighbours,
     * the smoother direction's, so that a photo turned by 90 degrees picks the same channel: a camera may
     * smooth its colour channels along its rows (OpenCFU webcam dish A: red and green's median horizontal
     * difference 0, vertical 1), and the channel rule was measured on those rows (with horizontal neighbours
     * alone webcam dish E read 57 upright and 69 turned, H 9 and 13; pooling both directions or taking the
     * rougher one moved webcam development from 1.28 to 3.37 % median error).
     */
    private static double pixelNoise(PlateImage r, int ch, List<Circle> circles, Glare glare) {
        FloatList dh = new FloatList(), dv = new FloatList();
        for (Circle c : circles) {
            int step = Math.max(1, (int) (c.r() / 60));
            for (int y = (int) Math.max(0, c.y() - c.r()); y < Math.min(r.height, c.y() + c.r()); y += step) {
                for (int x = (int) Math.max(0, c.x() - c.r()); x < Math.min(r.width, c.x() + c.r()); x += step) {
                    double dx = x + 0.5 - c.x(), dy = y + 0.5 - c.y();
                    if (dx * dx + dy * dy > c.r() * c.r() || glare != null && glare.at(x, y)) continue;
                    float v = r.get(ch, y * r.width + x);
                    if (x + 1 < r.width && (glare == null || !glare.at(x + 1, y))) dh.add(Math.abs(r.get(ch, y * r.width + x + 1) - v));
                    if (y + 1 < r.height && (glare == null || !glare.at(x, y + 1))) dv.add(Math.abs(r.get(ch, (y + 1) * r.width + x) - v));
                }
            }
        }
        return Math.max(0.5, differenceSd(dh.toArray(), dv.toArray()));
    }

    /** Robust SD of the pixels from their horizontal and vertical neighbour differences: the smoother direction's MAD x 1.4826 / sqrt 2 (infinite when none). */
    static double differenceSd(float[] dh, float[] dv) {
        return 1.4826 * Math.min(median(dh), median(dv)) / Math.sqrt(2);
    }

    /** at(sorted a, 0.5) (index n / 2: Medians.upper), by selection; +infinity when a is empty (no such neighbours: the other direction's). */
    private static double median(float[] a) {
        return a.length == 0 ? Double.POSITIVE_INFINITY : Medians.upper(a);
    }

    /**
     * Plaques on a dish with the default polarity (plaques lighter than the layer): when the
     * darker tail of the dish's pixels (median - 0.5 %) reaches this share of the lighter tail
     * (99.5 % - median), dark spots as strong as light ones are there and the default cannot be
     * stood behind: clear plaques in a turbid lawn photographed over a dark bench look darker than
     * the lawn. OnePetri development dishes (issue 19): 22 of 23 at 0.76-4.5, the one at 0.38 flagged
     * anyway; the one left ok by the other reasons (0.76, debris specks the light side) read 0 for 58.
     * Plates are not judged: the EPFL 12-well monolayer photos range 0.12-3.97, so the tails say
     * nothing there (their plaques are lighter in every one).
     */
    static final double LAWN_DARK_TAIL = 0.5;

    static double darkTailShare(PlateImage img, List<Circle> circles, Glare glare) {
        double[] t = tails(img, circles, glare);
        return t[0] / Math.max(1e-9, t[1]);
    }

    /** The wells' darker and lighter tails: median - 0.5 % quantile, 99.5 % quantile - median. */
    private static double[] tails(PlateImage img, List<Circle> circles, Glare glare) {
        if (glare != null) return localTails(img, circles.get(0), glare);
        float[] s = sample(img, PlateImage.MEAN, circles, glare);
        double med = at(s, 0.5);
        return new double[] {med - at(s, 0.005), at(s, 0.995) - med};
    }

    /**
     * Colonies counted as dark objects on a dish whose layer is this much lighter than the bench
     * around the dish (the surround's median over the dish's median, mean channel): the dish holds
     * an opaque light layer over a darker bench and the dark objects are holes in it, a bacterial
     * lawn with plaques, not colonies on clear agar (clear agar shows the bench or light box
     * behind it). OnePetri development photos (issue 19, counted with mode=colonies, auto chose
     * dark objects on 22 of 24): 0.12-0.52 on 21 (the 22nd, 0.81, is flagged small_objects);
     * colony dishes with dark colonies: OpenCFU webcam A-S 1.02-1.08, high-resolution q01-q19
     * 1.01-1.05. 0.7 is about the geometric middle of the gap (0.52-1.01). Phone dishes of light
     * colonies on dark agar have 0.16-0.61 and are not judged: their objects are lighter than the layer.
     */
    static final double LAWN_SURROUND = 0.7;
    /**
     * The surround: from LAWN_RING_IN to LAWN_RING_OUT wall radii (past the wall and lid rim, within
     * the dish's own neighbourhood), judged only when at least LAWN_RING_SEEN of that ring lies in
     * the image (a photo cropped to the dish shows no surround). The ring hardly matters: the
     * largest development lawn share (38694E31 aside) / the smallest colony dish share were
     * 0.57 / 1.01 with 1.04-1.2 radii, 0.52 / 1.01 with these, 0.55 / 1.00 with 1.15-1.5. The
     * webcam dishes fill their frame and show 0.32-0.36 of this ring, the lawns at least 0.34.
     */
    static final double LAWN_RING_IN = 1.08, LAWN_RING_OUT = 1.3, LAWN_RING_SEEN = 0.1;

    /** The surround's median over the analysed circle's median (mean channel); NaN when too little surround is in the image. */
    static double surroundShare(PlateImage img, Circle analysed, Circle wall, Glare glare) {
        double rIn = LAWN_RING_IN * wall.r(), rOut = LAWN_RING_OUT * wall.r();
        double ringArea = Math.PI * (rOut * rOut - rIn * rIn);
        int step = (int) Math.max(1, Math.sqrt(ringArea / 20000.0));
        FloatList v = new FloatList();
        for (int y = (int) Math.max(0, wall.y() - rOut); y < Math.min(img.height, wall.y() + rOut); y += step) {
            for (int x = (int) Math.max(0, wall.x() - rOut); x < Math.min(img.width, wall.x() + rOut); x += step) {
                double dx = x + 0.5 - wall.x(), dy = y + 0.5 - wall.y(), d2 = dx * dx + dy * dy;
                if (d2 >= rIn * rIn && d2 < rOut * rOut) v.add(img.get(PlateImage.MEAN, y * img.width + x));
            }
        }
        float[] ring = v.toArray();
        if (ring.length < LAWN_RING_SEEN * ringArea / ((double) step * step)) return Double.NaN;
        Arrays.sort(ring);
        return at(ring, 0.5) / Math.max(1e-9, at(sample(img, PlateImage.MEAN, List.of(analysed), glare), 0.5));
    }

    /** Stain darker than the well (crystal violet, most colonies) unless the bright tail is the longer one. */
    /** Bins across a dish's diameter, and the neighbourhood (half-width in bins) of localTails. */
    static final int LOCAL_BINS = 500, LOCAL_REACH = 10;

    /**
     * Under glare: the darker and lighter tails (0.5 % quantiles) of each pixel's departure from
     * its neighbourhood's mean, on the dish binned to LOCAL_BINS across, the glare left out. A veil
     * of glare over half the dish lifts the median of the raw pixels towards its bright end, so
     * the raw tails chose dark stain for light colonies (development lid-on photos with a veil
     * added); departures from the local level follow the colonies, not the veil.
     */
    private static double[] localTails(PlateImage img, Circle c, Glare glare) {
        double bin = Math.max(1, 2 * c.r() / LOCAL_BINS);
        int x0 = (int) Math.floor(c.x() - c.r()), y0 = (int) Math.floor(c.y() - c.r());
        int gw = (int) Math.ceil(2 * c.r() / bin) + 2;
        double[] sum = new double[gw * gw];
        int[] cnt = new int[gw * gw];
        for (int y = Math.max(0, y0); y < Math.min(img.height, c.y() + c.r()); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.width, c.x() + c.r()); x++) {
                double dx = x + 0.5 - c.x(), dy = y + 0.5 - c.y();
                if (dx * dx + dy * dy > c.r() * c.r() || glare.at(x, y)) continue;
                int b = (int) ((y - y0) / bin) * gw + (int) ((x - x0) / bin);
                sum[b] += img.get(PlateImage.MEAN, y * img.width + x);
                cnt[b]++;
            }
        }
        // integral images of the full bins' means and of their number
        double[] is = new double[(gw + 1) * (gw + 1)];
        int[] ic = new int[(gw + 1) * (gw + 1)];
        double full = 0.5 * bin * bin;
        for (int y = 0; y < gw; y++) {
            for (int x = 0; x < gw; x++) {
                boolean ok = cnt[y * gw + x] >= full;
                int i = (y + 1) * (gw + 1) + x + 1;
                is[i] = is[i - 1] + is[i - gw - 1] - is[i - gw - 2] + (ok ? sum[y * gw + x] / cnt[y * gw + x] : 0);
                ic[i] = ic[i - 1] + ic[i - gw - 1] - ic[i - gw - 2] + (ok ? 1 : 0);
            }
        }
        FloatList d = new FloatList();
        for (int y = 0; y < gw; y++) {
            for (int x = 0; x < gw; x++) {
                if (cnt[y * gw + x] < full) continue;
                int xa = Math.max(0, x - LOCAL_REACH), xb = Math.min(gw, x + LOCAL_REACH + 1);
                int ya = Math.max(0, y - LOCAL_REACH), yb = Math.min(gw, y + LOCAL_REACH + 1);
                int a = ya * (gw + 1) + xa, b = ya * (gw + 1) + xb, e = yb * (gw + 1) + xa, f = yb * (gw + 1) + xb;
                double local = (is[f] - is[b] - is[e] + is[a]) / (ic[f] - ic[b] - ic[e] + ic[a]);
                d.add((float) (sum[y * gw + x] / cnt[y * gw + x] - local));
            }
        }
        float[] s = d.toArray();
        Arrays.sort(s);
        return new double[] {-at(s, 0.005), at(s, 0.995)};
    }

    /**
     * A plate's wells taken as light colonies whose lightest pixels are grey in coloured wells: a stain (crystal violet's
     * purple) grown together over most of the well, its clear gaps standing out as the "light colonies". A synthetic 6-well
     * 67-77 % covered (ConfluenceTest; docs/history/wells.md, session 24) is taken as light colonies, the gaps counted 104-214
     * for 450-600, four of six wells `ok`: its lightest tenth's mean chroma (max - min of RGB) is 5.8 and 21.7 against
     * the wells' 57 and 77 (the pixels by brightness, tenths from the darkest: 38 58 70 79 86 91 93 91 81 22). Light
     * colonies on a dark medium are the coloured ones (cream on dark agar), and a grey image has no chroma to compare.
     * Flagged when the lightest LIGHT_SHARE hold under GREY of the mean chroma, at least CHROMA_MIN of full scale less.
     */
    static boolean greyGapsInColour(PlateImage img, List<Circle> circles) {
        FloatList bright = new FloatList(), chroma = new FloatList();
        forGrid(img, circles, null, 40000, i -> {
            float r = img.get(0, i), g = img.get(1, i), b = img.get(2, i);
            bright.add(r + g + b);
            chroma.add(Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)));
        });
        float[] br = bright.toArray(), ch = chroma.toArray();
        int n = br.length, k = (int) (LIGHT_SHARE * n);
        if (k < 10) return false;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(br[b], br[a]));
        double light = 0, all = 0;
        for (int i = 0; i < n; i++) {
            all += ch[order[i]];
            if (i < k) light += ch[order[i]];
        }
        light /= k;
        all /= n;
        return light <= GREY * all && all - light >= CHROMA_MIN * img.maxValue;
    }

    static final double LIGHT_SHARE = 0.1, GREY = 0.5, CHROMA_MIN = 0.05;

    private static WellOptions.Polarity polarity(PlateImage img, List<Circle> circles, Glare glare) {
        double[] t = tails(img, circles, glare);
        return t[0] >= t[1] ? WellOptions.Polarity.DARK_STAIN : WellOptions.Polarity.LIGHT_COLONIES;
    }

    /**
     * The channel where stain stands out most from the well's own noise: crystal violet absorbs
     * green, brown/yellow colonies blue.
     */
    private static int channel(PlateImage img, WellOptions.Channel requested, boolean dark, boolean colonies, List<Circle> circles, Glare glare) {
        if (img.channels() == 1) {
            if (requested != WellOptions.Channel.AUTO && requested != WellOptions.Channel.GRAY)
                throw AssayException.invalid("channel=" + requested.name().toLowerCase(Locale.ROOT) + ": the image is grayscale (use auto or gray)");
            return 0;
        }
        switch (requested) {
            case RED: return 0;
            case GREEN: return 1;
            case BLUE: return 2;
            case GRAY: throw AssayException.invalid("channel=gray: the image is RGB (use auto, red, green or blue)");
            default: break;
        }
        float[][] s = new float[3][];
        for (int k = 0; k < 3; k++) s[k] = sample(img, k, circles, glare);
        // a channel whose tail is clipped at full scale hides how far its stain reaches (cream colonies
        // in the red channel of a phone photo): the channels are compared at the highest quantile none clips.
        // Colonies only: measured on colony dishes; on OnePetri's lawns in plaque mode it moved 4 counts both ways
        double tail = TAIL;
        while (colonies && tail < MAX_TAIL && clipped(s, tail, dark, img.maxValue)) tail *= 2;
        int best = 1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            double med = at(s[k], 0.5);
            double spread = dark ? med - at(s[k], tail) : at(s[k], 1 - tail) - med;
            double score = spread / pixelNoise(img, k, circles, glare);
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    /**
     * The channel's stain is judged at this share of the analysed pixels, the most stained (the
     * colonies of a sparse dish cover a percent or two); doubled while a channel is clipped there, up to
     * MAX_TAIL. Measured (issue 19, session 14) on CounterCulture's development photo 01: red reaches
     * 255 in the top 1 % of two dishes (01-4, 01-5), where green won at 0.2 % (counts 93 and 62 for
     * about 44; red 54 and 71); at 1.6 % (the first unclipped share) red leads on all five dishes.
     */
    static final double TAIL = 0.002, MAX_TAIL = 0.032;

    private static boolean clipped(float[][] s, double tail, boolean dark, double maxValue) {
        for (float[] c : s) if (dark ? at(c, tail) <= 0 : at(c, 1 - tail) >= maxValue) return true;
        return false;
    }
}
