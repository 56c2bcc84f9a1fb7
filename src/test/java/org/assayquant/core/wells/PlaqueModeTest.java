package org.assayquant.core.wells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.assayquant.testutil.SyntheticPlate;

/**
 * Plaque assays (issue 19): clear plaques in a crystal-violet monolayer on a 12-well plate, 0, 6,
 * 12 and 25 plaques by column; in four wells the monolayer peeled off along the wall (a crescent
 * with a wavering edge and tears in the monolayer just inside it), which the threshold would cut
 * into "plaques"; the plaques under the peel are lost with the monolayer. A plaque, the peel and its
 * tears take the unstained floor's pixels (the stain's optical density taken off; blended over 1.5 px).
 */
class PlaqueModeTest {
    private static final int[] PER_COLUMN = {0, 6, 12, 25};
    /** The stained monolayer's optical density (green). */
    private static final double MONOLAYER = 0.7;

    private static boolean peeled(int well) {
        return well % 4 == 2 || well == 5;
    }

    /** The unstained floor: the monolayer's optical density taken off each channel (OD k_c x MONOLAYER). */
    private static int[] clearFloor(SyntheticPlate.Result stained) {
        int[] sp = (int[]) stained.image().getProcessor().getPixels(), cp = new int[sp.length];
        double[] kc = stained.absorption();
        for (int i = 0; i < sp.length; i++) {
            int o = 0;
            for (int c = 0; c < 3; c++) o |= (int) Math.min(255, Math.round(((sp[i] >> (16 - 8 * c)) & 255) * Math.pow(10, kc[c] * MONOLAYER))) << (16 - 8 * c);
            cp[i] = o;
        }
        return cp;
    }

    /** The plaques placed per well, anywhere in it: those under the peel are lost with the monolayer, as on a real plate. */
    private static int[] paint(SyntheticPlate.Result stained, int[] out) {
        int w = stained.width();
        int[] sp = (int[]) stained.image().getProcessor().getPixels(), cp = clearFloor(stained);
        System.arraycopy(sp, 0, out, 0, sp.length);
        SplittableRandom rnd = new SplittableRandom(1);
        int[] truth = new int[stained.wells()];
        for (int k = 0; k < stained.wells(); k++) {
            double cx = stained.wellX(k), cy = stained.wellY(k), r = stained.wellRadius(k);
            boolean peel = peeled(k);
            double ang = rnd.nextDouble() * 2 * Math.PI, ox = cx + 0.12 * r * Math.cos(ang), oy = cy + 0.12 * r * Math.sin(ang);
            List<double[]> plaques = new ArrayList<>(), tears = new ArrayList<>();
            for (int tries = 0; plaques.size() < PER_COLUMN[k % 4] && tries < 10000; tries++) {
                double pr = 4 + 4 * rnd.nextDouble(), a = rnd.nextDouble() * 2 * Math.PI, d = Math.sqrt(rnd.nextDouble()) * (0.85 * r - pr);
                double x = cx + d * Math.cos(a), y = cy + d * Math.sin(a);
                boolean free = true;
                for (double[] q : plaques) free &= Math.hypot(q[0] - x, q[1] - y) >= q[2] + pr + 3;
                if (free) plaques.add(new double[] {x, y, pr});
            }
            truth[k] = plaques.size();
            for (int j = 0; peel && j < 40; j++) {
                double a = rnd.nextDouble() * 2 * Math.PI, rr = 0.88 * r - 1 - 0.07 * r * rnd.nextDouble();
                double x = ox + rr * Math.cos(a), y = oy + rr * Math.sin(a);
                if (Math.hypot(x - cx, y - cy) < r - 3) tears.add(new double[] {x, y, 1.5 + 1.5 * rnd.nextDouble()});
            }
            for (int y = (int) (cy - r - 2); y < cy + r + 2; y++) {
                for (int x = (int) (cx - r - 2); x < cx + r + 2; x++) {
                    double px = x + 0.5, py = y + 0.5;
                    if (Math.hypot(px - cx, py - cy) > r) continue;
                    double f = 0;
                    for (double[] q : plaques) f = Math.max(f, cover(q, px, py));
                    for (double[] q : tears) f = Math.max(f, cover(q, px, py));
                    double th = Math.atan2(py - oy, px - ox), edge = 0.88 * r * (1 + 0.03 * Math.sin(7 * th) + 0.02 * Math.sin(13 * th + 1));
                    if (peel) f = Math.max(f, Math.min(1, Math.max(0, Math.hypot(px - ox, py - oy) - edge) / 1.5));
                    out[y * w + x] = blend(sp[y * w + x], cp[y * w + x], f);
                }
            }
        }
        return truth;
    }

    /** The stained pixel with a fraction f of the way to the clear floor's taken (per channel). */
    private static int blend(int stained, int clear, double f) {
        int o = 0;
        for (int sh = 0; sh <= 16; sh += 8) {
            int sv = (stained >> sh) & 255, cv = (clear >> sh) & 255;
            o |= (int) Math.round(sv + f * (cv - sv)) << sh;
        }
        return o;
    }

    private static double cover(double[] q, double px, double py) {
        return Math.min(1, Math.max(0, q[2] + 0.75 - Math.hypot(px - q[0], py - q[1])) / 1.5);
    }

    /**
     * The peeled band is left out and flagged, and the rest's count is scaled to the whole well
     * (issue 19: the plaques under a peel, or crowding the wall into a band, are plaques of the well).
     */
    @Test
    void clearPlaquesAreCountedAndAPeeledBandIsLeftOutFlaggedAndCountedForTheWholeWell() {
        SyntheticPlate.Builder b = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).pxPerMm(6)
                .colonies(k -> 0).whiteLevel(0.8).noiseSigma(2).seed(3);
        SyntheticPlate.Result stained = b.backgroundStain(MONOLAYER, 0).build();
        int[] px = new int[stained.width() * stained.height()];
        int[] truth = paint(stained, px);
        WellOptions o = new WellOptions();
        o.mode = WellOptions.Mode.PLAQUES;
        List<Circle> walls = new ArrayList<>(); // the wells as drawn: this test is about plaques, not finding wells
        for (int k = 0; k < stained.wells(); k++) walls.add(new Circle(stained.wellX(k), stained.wellY(k), stained.wellRadius(k), 1));
        o.manualWells = walls;
        WellResult r = WellQuantifier.quantify(PlateImage.rgb(stained.width(), stained.height(), px), o);
        assertEquals(WellOptions.Polarity.LIGHT_COLONIES, r.polarity(), "plaques are clearings: lighter than the monolayer");
        int within = 0, peeledWithin = 0;
        for (WellResult.Well w : r.wells()) {
            int k = w.col(), want = truth[k]; // manual wells W1..W12 in plate order
            if (Math.abs(w.colonies() - want) <= Math.max(2, 0.25 * want)) within++;
            if (want == 0) assertEquals(0, w.colonies(), w.label() + ": an empty well reads 0");
            if (peeled(k)) {
                assertTrue(w.reasons().contains(WellResult.Check.PEELED), w.label() + " peeled: " + w.reasons());
                // the rest's count scaled to the whole well (WellQuantifier.wholeWell): measured 12, 8, 18 and 13 for 12,
                // 6, 12 and 12 (the tears at the peel's tips in the third); the rest alone (main 3aa7adc) 8, 5, 12 and 8
                assertTrue(w.colonies() <= 1.5 * want + 2, w.label() + ": " + w.colonies() + " for " + want);
                if (Math.abs(w.colonies() - want) <= Math.max(2, 0.25 * want)) peeledWithin++;
            } else {
                assertEquals(want, w.colonies(), 1, w.label());
                assertTrue(!w.reasons().contains(WellResult.Check.PEELED), w.label() + " is not peeled: " + w.reasons());
            }
        }
        assertTrue(within >= 10, within + " of 12 wells within max(2, 25 %)");
        assertTrue(peeledWithin >= 3, peeledWithin + " of the 4 peeled wells within max(2, 25 %) of the whole well's plaques (main: 2)");
    }

    /** Faint plaques per column of the textured plate: none, faint, clear, faint (see {@link #paintTextured}). */
    private static final int[] TEXTURED_COLUMN = {0, 12, 10, 20};

    /**
     * A monolayer with the real photos' mottled texture (issue 19, 12-well development photos:
     * intact monolayers are lighter in patches about a plaque wide): up to TEXTURE of the stain
     * taken off along three cosines of random direction and a 2 mm wavelength. Columns 1 and 3
     * hold partly cleared plaques (FAINT_CLEAR of the stain taken off on top of the texture: about
     * a fifth of the headroom above the monolayer, under the plaque floor of a quarter, as most of
     * the real photos' plaques), column 2 clear ones. With {@code spots} > 0 every well also holds
     * SPOTS plaque-sized light patches of the intact monolayer ({@code spots} of the stain taken off:
     * the spotty texture of the held-out Panama monolayers, session 12), not plaques. Returns the
     * plaques per well.
     */
    private static final double TEXTURE = 0.3, FAINT_CLEAR = 0.22;
    private static final int SPOTS = 6;

    private static int[] paintTextured(SyntheticPlate.Result stained, int[] out, double pxPerMm, double spots) {
        int w = stained.width();
        int[] sp = (int[]) stained.image().getProcessor().getPixels(), cp = clearFloor(stained);
        System.arraycopy(sp, 0, out, 0, sp.length);
        SplittableRandom rnd = new SplittableRandom(7);
        double[][] waves = new double[3][3];
        for (double[] wv : waves) {
            double a = rnd.nextDouble() * Math.PI, k = 2 * Math.PI / (2 * pxPerMm);
            wv[0] = k * Math.cos(a);
            wv[1] = k * Math.sin(a);
            wv[2] = rnd.nextDouble() * 2 * Math.PI;
        }
        int[] truth = new int[stained.wells()];
        for (int k = 0; k < stained.wells(); k++) {
            double cx = stained.wellX(k), cy = stained.wellY(k), r = stained.wellRadius(k);
            List<double[]> plaques = discs(rnd, cx, cy, r, TEXTURED_COLUMN[k % 4], List.of());
            truth[k] = plaques.size();
            List<double[]> mottle = spots > 0 ? discs(rnd, cx, cy, r, SPOTS, plaques) : List.of();
            double clear = k % 4 == 2 ? 1 : FAINT_CLEAR;
            for (int y = (int) (cy - r - 2); y < cy + r + 2; y++) {
                for (int x = (int) (cx - r - 2); x < cx + r + 2; x++) {
                    double px = x + 0.5, py = y + 0.5;
                    if (Math.hypot(px - cx, py - cy) > r) continue;
                    double t = 0;
                    for (double[] wv : waves) t += Math.cos(wv[0] * px + wv[1] * py + wv[2]);
                    double p = 0;
                    for (double[] q : plaques) p = Math.max(p, cover(q, px, py));
                    double f = Math.min(1, TEXTURE * (0.5 + t / 6) + clear * p);
                    for (double[] q : mottle) f = Math.min(1, f + spots * cover(q, px, py));
                    out[y * w + x] = blend(sp[y * w + x], cp[y * w + x], f);
                }
            }
        }
        return truth;
    }

    /** Up to n discs {x, y, radius} of radius 4-8 px in the well (cx, cy, r), 3 px apart from each other and from {@code apart}. */
    private static List<double[]> discs(SplittableRandom rnd, double cx, double cy, double r, int n, List<double[]> apart) {
        List<double[]> out = new ArrayList<>();
        for (int tries = 0; out.size() < n && tries < 10000; tries++) {
            double pr = 4 + 4 * rnd.nextDouble(), a = rnd.nextDouble() * 2 * Math.PI, d = Math.sqrt(rnd.nextDouble()) * (0.85 * r - pr);
            double x = cx + d * Math.cos(a), y = cy + d * Math.sin(a);
            boolean free = true;
            for (double[] q : apart) free &= Math.hypot(q[0] - x, q[1] - y) >= q[2] + pr + 3;
            for (double[] q : out) free &= Math.hypot(q[0] - x, q[1] - y) >= q[2] + pr + 3;
            if (free) out.add(new double[] {x, y, pr});
        }
        return out;
    }

    /** The textured plate (light patches {@code spots}, see paintTextured) quantified in plaque mode on its drawn wells; truth receives the plaques per well. */
    private static WellResult texturedPlate(int[] truth, double spots) {
        double pxPerMm = 6;
        SyntheticPlate.Result stained = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).pxPerMm(pxPerMm)
                .colonies(k -> 0).whiteLevel(0.8).noiseSigma(2).seed(5).backgroundStain(MONOLAYER, 0).build();
        int[] px = new int[stained.width() * stained.height()];
        System.arraycopy(paintTextured(stained, px, pxPerMm, spots), 0, truth, 0, truth.length);
        return onDrawnWells(stained, px);
    }

    /** The painted plate quantified in plaque mode on its wells as drawn (these tests are about plaques, not finding wells). */
    private static WellResult onDrawnWells(SyntheticPlate.Result stained, int[] px) {
        WellOptions o = new WellOptions();
        o.mode = WellOptions.Mode.PLAQUES;
        List<Circle> walls = new ArrayList<>();
        for (int k = 0; k < stained.wells(); k++) walls.add(new Circle(stained.wellX(k), stained.wellY(k), stained.wellRadius(k), 1));
        o.manualWells = walls;
        return WellQuantifier.quantify(PlateImage.rgb(stained.width(), stained.height(), px), o);
    }

    /** Plaques per column of the scraped plate (see {@link #thePipetteTipsScrapeAtOneSideOfEveryWellIsNoPlaque}). */
    private static final int[] SCRAPED_COLUMN = {0, 4, 8, 16};

    /**
     * A 12-well plate of clear plaques (SCRAPED_COLUMN by column, placed within reach of the radius, never by the
     * scrape) with the pipette tip's scrape (a round piece of clear floor, radius 4.5 px, at 0.8 of the radius, at the
     * top of the well +-4 degrees) in the wells k where scraped says so; quantified on its drawn wells, each well's
     * plaques in truth[k].
     */
    private static WellResult scrapedPlate(java.util.function.IntPredicate scraped, double reach, int[] truth) {
        SyntheticPlate.Result stained = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).pxPerMm(6)
                .colonies(k -> 0).whiteLevel(0.8).noiseSigma(2).seed(3).backgroundStain(MONOLAYER, 0).build();
        int w = stained.width();
        int[] sp = (int[]) stained.image().getProcessor().getPixels(), cp = clearFloor(stained), px = sp.clone();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < stained.wells(); k++) {
            double cx = stained.wellX(k), cy = stained.wellY(k), r = stained.wellRadius(k), a = Math.toRadians(-90 + 8 * rnd.nextDouble() - 4);
            double[] scrape = scraped.test(k) ? new double[] {cx + 0.8 * r * Math.cos(a), cy + 0.8 * r * Math.sin(a), 4.5} : null;
            List<double[]> plaques = discs(rnd, cx, cy, reach * r, SCRAPED_COLUMN[k % 4], scrape == null ? List.of() : List.of(new double[] {scrape[0], scrape[1], 0.3 * r}));
            truth[k] = plaques.size();
            for (int y = (int) (cy - r - 2); y < cy + r + 2; y++) {
                for (int x = (int) (cx - r - 2); x < cx + r + 2; x++) {
                    double qx = x + 0.5, qy = y + 0.5, f = scrape == null ? 0 : cover(scrape, qx, qy);
                    if (Math.hypot(qx - cx, qy - cy) > r) continue;
                    for (double[] q : plaques) f = Math.max(f, cover(q, qx, qy));
                    px[y * w + x] = blend(sp[y * w + x], cp[y * w + x], f);
                }
            }
        }
        return onDrawnWells(stained, px);
    }

    /**
     * The pipette tip's scrape (issue 19, 12-well development photos: IBV plate 7 C4 read 3 for an empty
     * well, the pieces of the white streak where the tip drew the medium off, at the top of every well of
     * the plate): a round piece of clear floor (radius 4.5 px, a plaque's size) at 0.8 of the radius, at
     * the top of every well (+-4 degrees), with 0, 4, 8 and 16 clear plaques by column placed anywhere but
     * by the scrape (a plaque there goes with the mark: TipMarks.SPREAD). Main (af55f1c) counted every
     * scrape as a plaque (the empty wells read 1); now each is rejected as {@code tip_mark}.
     */
    @Test
    void thePipetteTipsScrapeAtOneSideOfEveryWellIsNoPlaque() {
        int[] truth = new int[12];
        WellResult r = scrapedPlate(k -> true, 1, truth);
        String counts = counts(r, truth);
        for (WellResult.Well well : r.wells()) assertEquals(truth[well.col()], well.colonies(), well.label() + ": " + counts);
        assertEquals(truth.length, r.rejected().stream().filter(j -> j.reason().equals("tip_mark")).count(), "one scrape rejected per well: " + r.rejected());
    }

    /**
     * The scrape seen in only 5 of the 12 wells (session 21, 12-well development photos: on Brisbane 2, 3, 7, 8 and 10
     * the other wells are peeled or cleared to the plastic and show nothing by the wall, so the mark was under half the
     * plate and its pieces read 1-2 in empty wells). Here the scrape (as in the test above) lies in the first column's three wells and the second's first two
     * and the plaques (0, 4, 8, 16 by column) lie inside 0.7 of the radius, so no other well holds an object by the
     * wall. Main (46ff613) found no mark and read the scraped wells one high (1/0 5/4 on the first two rows, 1/0 in the
     * third); now every well is exact.
     */
    @Test
    void aScrapeSeenInFewerThanHalfTheWellsIsAMarkWhenNoOtherWellShowsTheWall() {
        List<Integer> scraped = List.of(0, 4, 8, 1, 5);
        int[] truth = new int[12];
        // plaques inside 0.68 of the radius: no plaque by the wall
        WellResult r = scrapedPlate(scraped::contains, 0.8, truth);
        String counts = counts(r, truth);
        for (WellResult.Well well : r.wells()) assertEquals(truth[well.col()], well.colonies(), well.label() + ": " + counts);
        assertEquals(scraped.size(), r.rejected().stream().filter(j -> j.reason().equals("tip_mark")).count(), "one scrape rejected per scraped well: " + r.rejected());
    }

    /**
     * A partly cleared candidate on an object the floor rejected is that object (session 21, 12-well development
     * photos: the tip's scrape, a clear streak rejected as elongated, was counted again as a partly cleared plaque on
     * it in 6 empty wells). A streak 4 px wide and 16 px long (rejected as elongated) and a partly cleared plaque
     * (radius 5 px, a fifth of the headroom) in a flat monolayer: the candidate on the streak is found when the streak
     * is not given (as main found it), not when it is; the plaque is found either way.
     */
    @Test
    void aPartlyClearedCandidateOnARejectedStreakIsThatStreak() {
        int w = 141, h = 141;
        Circle c = new Circle(70, 70, 65, 1);
        float[] crop = new float[w * h];
        boolean[] inside = new boolean[w * h];
        double mono = 80, headroom = 255 - mono;
        SplittableRandom rnd = new SplittableRandom(2);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x + 0.5, py = y + 0.5;
                inside[y * w + x] = Math.hypot(px - c.x(), py - c.y()) <= c.r();
                double v = mono + 2 * rnd.nextGaussian();
                // the streak: from 0.55 to 0.8 of the radius straight above the centre, 4 px wide, taking 0.6 of the headroom
                if (Math.abs(px - 70) <= 2 && py >= 70 - 0.8 * 65 && py <= 70 - 0.55 * 65) v += 0.6 * headroom;
                // a partly cleared plaque below the centre
                if (Math.hypot(px - 70, py - 100) <= 5) v += 0.2 * headroom;
                crop[y * w + x] = (float) v;
            }
        }
        ColonyCounter.Rejected streak = new ColonyCounter.Rejected(70, 70 - 0.675 * 65, 64, ColonyCounter.Reject.ELONGATED);
        List<ColonyCounter.Colony> without = PartlyCleared.find(crop, inside, w, h, 0, 0, c, List.of(), List.of(), headroom);
        List<ColonyCounter.Colony> with = PartlyCleared.find(crop, inside, w, h, 0, 0, c, List.of(), List.of(streak), headroom);
        assertTrue(without.stream().anyMatch(k -> Math.hypot(k.x() - streak.x(), k.y() - streak.y()) < 8), "the streak is a candidate by itself: " + without);
        assertTrue(with.stream().noneMatch(k -> Math.hypot(k.x() - streak.x(), k.y() - streak.y()) < 8), "not on the rejected streak: " + with);
        assertTrue(with.stream().anyMatch(k -> Math.hypot(k.x() - 70, k.y() - 100) < 3), "the partly cleared plaque is kept: " + with);
    }

    @Test
    void faintPlaquesInATexturedMonolayerFlagTheWellInsteadOfALowCount() {
        int[] truth = new int[12];
        WellResult r = texturedPlate(truth, 0);
        for (WellResult.Well w : r.wells()) {
            int k = w.col(), want = truth[k];
            boolean within = Math.abs(w.colonies() - want) <= Math.max(2, 0.25 * want);
            boolean faint = w.reasons().contains(WellResult.Check.FAINT_PLAQUES);
            // a count the tool cannot stand behind is flagged, never an unflagged low number
            assertTrue(within || !w.reasons().isEmpty(), w.label() + ": " + w.colonies() + " for " + want + " and not flagged");
            if (k % 4 == 0) {
                assertTrue(w.colonies() <= 2, w.label() + ": the texture of an intact monolayer is not plaques: " + w.colonies());
                assertTrue(!faint, w.label() + ": an intact textured monolayer is not flagged: " + w.reasons());
            } else if (k % 4 == 2) {
                assertTrue(within && !faint, w.label() + ": clear plaques " + w.colonies() + " for " + want + " " + w.reasons());
            } else {
                assertTrue(faint, w.label() + ": faint plaques flag the well: " + w.colonies() + " for " + want + " " + w.reasons());
            }
        }
    }

    /**
     * Partly cleared plaques (a fifth of the headroom, under the plaque floor) are counted where
     * they clear the plate's own texture (PartlyCleared: its quietest wells, here the intact
     * column), while the intact textured monolayers read 0-2. Main (fc5b624) counted none of them
     * (0 for 12 and 20); measured now 11-13 for 12, 17-18 for 20.
     */
    @Test
    void partlyClearedPlaquesAreCountedAboveThePlatesTexture() {
        int[] truth = new int[12];
        WellResult r = texturedPlate(truth, 0);
        String counts = counts(r, truth);
        for (WellResult.Well w : r.wells()) {
            int k = w.col(), want = truth[k];
            if (k % 4 == 0) assertTrue(w.colonies() <= 2, w.label() + ": texture is not plaques: " + counts);
            else assertTrue(Math.abs(w.colonies() - want) <= Math.max(2, 0.25 * want), w.label() + ": " + counts);
        }
    }

    /**
     * Plaque-sized light patches in every well (SPOTS of 0.12 of the stain, about a tenth of the
     * headroom: the spotty monolayers of the held-out Panama photos that a fixed contrast of 0.08
     * took for plaques, session 12) are the plate's texture: the intact wells read 0-1 (the fixed
     * level of session 12, MARGIN 0 here, read 2-3 in each).
     */
    @Test
    void aSpottyIntactMonolayerIsThePlatesTextureNotPlaques() {
        int[] truth = new int[12];
        WellResult r = texturedPlate(truth, 0.12);
        for (WellResult.Well w : r.wells())
            if (w.col() % 4 == 0) assertTrue(w.colonies() <= 1, w.label() + ": texture is not plaques: " + counts(r, truth));
    }

    /** Plaques by the wall and inside per column of the wall plate (see {@link #plaquesCrowdingTheWallAreCountedAndAPeelStaysLeftOut}). */
    private static final int[] WALL_COLUMN = {0, 8, 0, 12}, INNER_COLUMN = {0, 4, 10, 6};

    /**
     * Plaques crowding the wall without any peeling (issue 19, 12-well development photos: Brisbane 4 C2, Brisbane 6 A4
     * and C4, IBV 1 A1 and B1 read low, `peeled`, their plaques by the wall left out with a "band" they made): in columns
     * 2 and 4 a row of 8 and 12 round clear plaques (radius 6-8 px, a tenth of the radius) along an arc of the wall, each
     * a third cut by the analysed circle, 4 px of monolayer between them, and 4 and 6 plaques inside; column 3 peeled
     * as in {@link #clearPlaquesAreCountedAndAPeeledBandIsLeftOutFlaggedAndCountedForTheWholeWell} (a crescent hugging the
     * wall, tears inside it) over 10 plaques anywhere. The row by the wall is counted, the well flagged `wall_plaques`, not `peeled`; the peel
     * stays left out and flagged `peeled`. Main (04d5f0c) left the rows out as peels: 5 for 12 and 9 for 18, `peeled`.
     */
    @Test
    void plaquesCrowdingTheWallAreCountedAndAPeelStaysLeftOut() {
        SyntheticPlate.Result stained = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).pxPerMm(6)
                .colonies(k -> 0).whiteLevel(0.8).noiseSigma(2).seed(3).backgroundStain(MONOLAYER, 0).build();
        int w = stained.width();
        int[] sp = (int[]) stained.image().getProcessor().getPixels(), cp = clearFloor(stained), px = sp.clone();
        SplittableRandom rnd = new SplittableRandom(13);
        int[] truth = new int[stained.wells()];
        for (int k = 0; k < stained.wells(); k++) {
            double cx = stained.wellX(k), cy = stained.wellY(k), r = stained.wellRadius(k);
            boolean peel = k % 4 == 2;
            List<double[]> row = new ArrayList<>();
            double a = rnd.nextDouble() * 2 * Math.PI;
            for (int j = 0; j < WALL_COLUMN[k % 4]; j++) {
                double pr = 6 + 2 * rnd.nextDouble(), d = 0.96 * r - 0.33 * 2 * pr;
                row.add(new double[] {cx + d * Math.cos(a), cy + d * Math.sin(a), pr});
                a += (2 * 8 + 4) / d;
            }
            List<double[]> plaques = new ArrayList<>(row);
            plaques.addAll(discs(rnd, cx, cy, peel ? r : 0.75 * r, INNER_COLUMN[k % 4], row)); // under the peel too, lost with it
            truth[k] = plaques.size();
            double ang = rnd.nextDouble() * 2 * Math.PI, ox = cx + 0.12 * r * Math.cos(ang), oy = cy + 0.12 * r * Math.sin(ang);
            List<double[]> tears = new ArrayList<>();
            for (int j = 0; peel && j < 40; j++) {
                double t = rnd.nextDouble() * 2 * Math.PI, rr = 0.88 * r - 1 - 0.07 * r * rnd.nextDouble();
                double x = ox + rr * Math.cos(t), y = oy + rr * Math.sin(t);
                if (Math.hypot(x - cx, y - cy) < r - 3) tears.add(new double[] {x, y, 1.5 + 1.5 * rnd.nextDouble()});
            }
            for (int y = (int) (cy - r - 2); y < cy + r + 2; y++) {
                for (int x = (int) (cx - r - 2); x < cx + r + 2; x++) {
                    double qx = x + 0.5, qy = y + 0.5, f = 0;
                    if (Math.hypot(qx - cx, qy - cy) > r) continue;
                    for (double[] q : plaques) f = Math.max(f, cover(q, qx, qy));
                    for (double[] q : tears) f = Math.max(f, cover(q, qx, qy));
                    double th = Math.atan2(qy - oy, qx - ox), edge = 0.88 * r * (1 + 0.03 * Math.sin(7 * th) + 0.02 * Math.sin(13 * th + 1));
                    if (peel) f = Math.max(f, Math.min(1, Math.max(0, Math.hypot(qx - ox, qy - oy) - edge) / 1.5));
                    px[y * w + x] = blend(sp[y * w + x], cp[y * w + x], f);
                }
            }
        }
        WellResult r = onDrawnWells(stained, px);
        StringBuilder all = new StringBuilder();
        for (WellResult.Well well : r.wells()) all.append(well.label()).append(' ').append(well.colonies()).append('/').append(truth[well.col()]).append(' ').append(well.reasons()).append('\n');
        for (WellResult.Well well : r.wells()) {
            int k = well.col(), want = truth[k];
            if (WALL_COLUMN[k % 4] > 0) {
                // measured 12 for 12 and 18 for 18 in every row (main 04d5f0c: 5 and 9, peeled)
                assertEquals(want, well.colonies(), 1, well.label() + " by the wall\n" + all);
                assertTrue(!well.reasons().contains(WellResult.Check.PEELED), well.label() + " is not peeled: " + well.reasons() + "\n" + all);
                assertTrue(well.reasons().contains(WellResult.Check.WALL_PLAQUES), well.label() + " counted through its band: " + well.reasons() + "\n" + all);
            } else if (k % 4 == 2) {
                assertTrue(well.reasons().contains(WellResult.Check.PEELED), well.label() + " peeled: " + well.reasons() + "\n" + all);
                // measured 7, 10 and 9 for 10 (the plaques under the peel lost with it, the rest scaled)
                assertTrue(well.colonies() <= 1.5 * want + 2 && well.colonies() >= 0.5 * want, well.label() + ": " + well.colonies() + " for " + want + "\n" + all);
            } else {
                assertEquals(0, well.colonies(), well.label() + ": an empty well reads 0\n" + all);
            }
        }
    }

    /** Clear plaques per column of the crowded plate (see {@link #crowdedPlaquesOverHalfTheWellAreCountedOneEach}). */
    private static final int[] CROWDED_COLUMN = {0, 10, 40, 110};

    /**
     * Crowded wells (issue 19, the 12-well IBV development photos: IBV 3 A1 and B1, 60 and 75 distinct, clear, round
     * plaques over half the well): the well's own monolayer level is the cleared floor, its threshold lies at full
     * scale and nothing passes (main 9256d7a: threshold_at_full_scale, 0 for 90 here). Such a well is counted by its
     * light spots at the plaque scale (CrowdedPlaques), one per plaque, and stays flagged; the other wells as before.
     */
    @Test
    void crowdedPlaquesOverHalfTheWellAreCountedOneEach() {
        SyntheticPlate.Result stained = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).pxPerMm(6)
                .colonies(k -> 0).whiteLevel(0.8).noiseSigma(2).seed(21).backgroundStain(MONOLAYER, 0).build();
        int w = stained.width();
        int[] sp = (int[]) stained.image().getProcessor().getPixels(), cp = clearFloor(stained), px = sp.clone();
        SplittableRandom rnd = new SplittableRandom(17);
        int[] truth = new int[12];
        for (int k = 0; k < stained.wells(); k++) {
            double cx = stained.wellX(k), cy = stained.wellY(k), r = stained.wellRadius(k);
            List<double[]> plaques = new ArrayList<>();
            for (int tries = 0; plaques.size() < CROWDED_COLUMN[k % 4] && tries < 20000; tries++) {
                double pr = 4 + 2 * rnd.nextDouble(), a = rnd.nextDouble() * 2 * Math.PI, d = Math.sqrt(rnd.nextDouble()) * (0.9 * r - pr);
                double x = cx + d * Math.cos(a), y = cy + d * Math.sin(a);
                boolean free = true; // touching, a little overlapping, as crowded plaques do
                for (double[] q : plaques) free &= Math.hypot(q[0] - x, q[1] - y) >= 0.85 * (q[2] + pr);
                if (free) plaques.add(new double[] {x, y, pr});
            }
            truth[k] = plaques.size();
            for (int y = (int) (cy - r - 2); y < cy + r + 2; y++) {
                for (int x = (int) (cx - r - 2); x < cx + r + 2; x++) {
                    double qx = x + 0.5, qy = y + 0.5, f = 0;
                    if (Math.hypot(qx - cx, qy - cy) > r) continue;
                    for (double[] q : plaques) f = Math.max(f, cover(q, qx, qy));
                    px[y * w + x] = blend(sp[y * w + x], cp[y * w + x], f);
                }
            }
        }
        WellResult r = onDrawnWells(stained, px);
        String counts = counts(r, truth);
        int crowdedWithin = 0;
        for (WellResult.Well well : r.wells()) {
            int want = truth[well.col()];
            boolean within = Math.abs(well.colonies() - want) <= Math.max(2, 0.25 * want);
            if (well.col() % 4 < 3) {
                assertTrue(within, well.label() + ": " + counts + " " + well.reasons());
                continue;
            }
            // measured 113 / 71 / 110 for 110 / 108 / 107 (the second's touching plaques share spots); main 0
            assertTrue(well.reasons().contains(WellResult.Check.THRESHOLD_AT_FULL_SCALE), well.label() + " stays flagged: " + counts + " " + well.reasons());
            assertTrue(well.colonies() >= 0.6 * want && well.colonies() <= 1.25 * want + 2, well.label() + ": one spot per plaque: " + counts);
            if (within) crowdedWithin++;
        }
        assertTrue(crowdedWithin >= 2, crowdedWithin + " of the 3 crowded wells within max(2, 25 %): " + counts);
    }


    /**
     * A dilution series' first wells (issue 19, 12-well development photos: PR8v's first two columns, which the people
     * could not count): plaques grown together lyse most of the monolayer, which is left pale and mottled, about half
     * way to the clear floor; no plaque stands out of it, so main (4746a17) read 0-2 `ok` there. Column 1 here: half the
     * stain taken off (CLEARED_TO), with the mottled texture on top; columns 2-4 an intact monolayer with 0, 6 and 12
     * clear plaques. The cleared wells are flagged `cleared`, the intact ones are not and are counted as before.
     */
    @Test
    void aWellLysedByPlaquesGrownTogetherIsFlaggedClearedNotReadAsEmpty() {
        double pxPerMm = 6;
        SyntheticPlate.Result stained = SyntheticPlate.builder().format("12").mode(SyntheticPlate.Mode.CRYSTAL_VIOLET_RGB).pxPerMm(pxPerMm)
                .colonies(k -> 0).whiteLevel(0.8).noiseSigma(2).seed(9).backgroundStain(MONOLAYER, 0).build();
        int w = stained.width();
        int[] sp = (int[]) stained.image().getProcessor().getPixels(), cp = clearFloor(stained), px = sp.clone(), truth = new int[stained.wells()];
        SplittableRandom rnd = new SplittableRandom(13);
        for (int k = 0; k < stained.wells(); k++) {
            double cx = stained.wellX(k), cy = stained.wellY(k), r = stained.wellRadius(k);
            List<double[]> plaques = k % 4 == 0 ? List.of() : discs(rnd, cx, cy, r, 6 * (k % 4 - 1), List.of());
            truth[k] = plaques.size();
            for (int y = (int) (cy - r - 2); y < cy + r + 2; y++) {
                for (int x = (int) (cx - r - 2); x < cx + r + 2; x++) {
                    double qx = x + 0.5, qy = y + 0.5;
                    if (Math.hypot(qx - cx, qy - cy) > r) continue;
                    // the lysed layer: pale, mottled at about a plaque's scale (two cosines, +-0.15 of the stain)
                    double f = k % 4 == 0 ? CLEARED_TO + 0.075 * (Math.cos(0.9 * qx + k) + Math.cos(0.7 * qy - 0.5 * qx)) : 0;
                    for (double[] q : plaques) f = Math.max(f, cover(q, qx, qy));
                    px[y * w + x] = blend(sp[y * w + x], cp[y * w + x], f);
                }
            }
        }
        WellResult r = onDrawnWells(stained, px);
        String counts = counts(r, truth);
        for (WellResult.Well well : r.wells()) {
            if (well.col() % 4 == 0) {
                assertTrue(well.reasons().contains(WellResult.Check.CLEARED), well.label() + " is lysed: " + well.colonies() + " " + well.reasons());
                assertEquals("check", well.status(), well.label());
            } else {
                assertTrue(!well.reasons().contains(WellResult.Check.CLEARED), well.label() + " is intact: " + well.reasons());
                assertEquals(truth[well.col()], well.colonies(), 1, well.label() + ": " + counts);
            }
        }
    }

    /** The share of the stain a lysed well has lost (PR8v's first columns: 0.18-0.39 of the headroom above the intact monolayer). */
    private static final double CLEARED_TO = 0.5;

    private static String counts(WellResult r, int[] truth) {
        StringBuilder counts = new StringBuilder("counted/plaques:");
        for (WellResult.Well w : r.wells()) counts.append(' ').append(w.colonies()).append('/').append(truth[w.col()]);
        return counts.toString();
    }

    @Test
    void titerIsCountOverDilutionTimesVolume() {
        assertEquals(4e7, Titer.perMl(40, 1e-5, 0.1), 1e-3);
        assertEquals(0, Titer.perMl(0, 1e-3, 0.2));
    }
}
