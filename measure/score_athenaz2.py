#!/usr/bin/env python3
"""score_athenaz2.py DATA OUT dev|held: athenaz2's imager blots (run.sh's athenaz2-dev / athenaz2-held sets), the
tool's bands.csv against the lab's AlphaEase boxes. Development: B1AR, B2AR; held-out: B3AR. Needs numpy and PIL.
score_athenaz2.py DATA OUT aug AUGDATA: the development blots transformed (augment.py into AUGDATA, run.sh's
athenaz2-aug set into OUT beside its athenaz2-dev run), per augmentation against the unaugmented.
score_athenaz2.py DATA OUT aug AUGDATA --dilution: augment.py's `dilute` series (lane k of each lab strip at 2^-k),
per lane: lab boxes found one-to-one against the band's height over the noise, and how far the found volumes stray
from a two-fold series (issue 20's dilution aim).
--readout (dev or held): the lab's own readout, end to end: per strip of a target image and the strip at the same height of
its _GAPDH image, each lane's target over GAPDH volume, the mean of lanes 7-9 over the mean of lanes 1-3 (ZDF over ZL, the
number the lab's xls reports), from the lab's boxes and from the tool's (readout() below).
--trust (either form; --boxes lists each box): which lab boxes the tool got right, off or missed, and whether it said so
(`check`): ok and wrong (issue 20; trust() and trusted() below, measure/README.md).
Rules (docs/history/blots.md, "A lab's own band boxes"): lab boxes ItemN=(1,x0,y0,x1,y1) corners inclusive, 9 per strip;
detected bands = bands.csv rows with detected=true; a fitted doublet pair in one lane (two consecutive `doublet`
bands of a strip's lane) is one band (union box, summed volume); greedy one-to-one matching by IoU >= 0.5;
"off" = detected box whose centre lies in no lab box; lab volume = box sum - median of the 3 rows above and
the 3 rows below (box columns) x area; r per lab strip (9 boxes) over the matched boxes (>= 3); "rel" per strip = the
median over its matched boxes of |(volume / strip's mean) / (lab volume / its mean) - 1|, the error of a fold change
read against the strip's mean (r says little on a row of near-equal loading controls; rel says how far off they are).
"""
import csv, os, sys, glob, statistics
import numpy as np
from PIL import Image

SKIP = {"B3AR/Oct 10/Oct10_GAPDHbottom.tif"}  # byte-identical to B2AR's Oct10 (development)


def lab_boxes(stp):
    txt = open(stp, "rb").read().decode("latin-1").replace("\r", "\n")
    sec = txt.split("[SpotDenso]", 1)
    if len(sec) < 2:
        return []
    out = []
    for line in sec[1].split("\n"):
        line = line.strip()
        if line.startswith("["):
            break
        if line.startswith("Item") and "=(" in line:
            n = int(line[4:line.index("=")])
            v = [int(t) for t in line[line.index("(") + 1:line.index(")")].split(",")]
            out.append((n, v[1], v[2], v[3] - v[1] + 1, v[4] - v[2] + 1))
    return [b[1:] for b in sorted(out)]


def lab_volume(img, b):
    x, y, w, h = b
    box = img[y:y + h, x:x + w].astype(float)
    ring = np.concatenate([img[max(0, y - 3):y, x:x + w].ravel(), img[y + h:y + h + 3, x:x + w].ravel()]).astype(float)
    return box.sum() - np.median(ring) * w * h


def overlap(a, b):
    """The area two (x, y, w, h) boxes share."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return ix * iy


def iou(a, b):
    i = overlap(a, b)
    return i / (a[2] * a[3] + b[2] * b[3] - i) if i else 0.0


def detected(rows):
    by_lane = {}
    for r in rows:
        by_lane.setdefault((r["strip"], r["lane"]), []).append(r)
    out = []
    for lane in by_lane.values():
        lane.sort(key=lambda r: float(r["y"]))
        i = 0
        while i < len(lane):
            r = lane[i]
            box = [float(r[k]) for k in ("x", "y", "width", "height")]
            vol, ok, why = float(r["volume"]), r["status"] == "ok", r["reasons"]
            if "doublet" in r["reasons"].split(";") and i + 1 < len(lane) and "doublet" in lane[i + 1]["reasons"].split(";"):
                s = lane[i + 1]
                b2 = [float(s[k]) for k in ("x", "y", "width", "height")]
                x0, y0 = min(box[0], b2[0]), min(box[1], b2[1])
                x1, y1 = max(box[0] + box[2], b2[0] + b2[2]), max(box[1] + box[3], b2[1] + b2[3])
                box = [x0, y0, x1 - x0, y1 - y0]
                vol += float(s["volume"])
                ok = ok and s["status"] == "ok"
                why = ";".join(dict.fromkeys(filter(None, why.split(";") + s["reasons"].split(";"))))
                i += 1
            out.append((box, vol, ok, why))
            i += 1
    return out


def one_to_one(det, labs):
    pairs = sorted(((iou(d[0], l), i, j) for i, d in enumerate(det) for j, l in enumerate(labs)), reverse=True)
    used_d, used_l, match = set(), set(), {}
    for v, i, j in pairs:
        if v < 0.5:
            break
        if i in used_d or j in used_l:
            continue
        used_d.add(i); used_l.add(j); match[j] = i
    return match


def pearson(a, b):
    if len(a) < 3:
        return None
    a, b = np.array(a), np.array(b)
    if a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def fold_errors(a, b):
    """Per box |(a / a's mean) / (b / b's mean) - 1|: each box's fold-change error against its strip's mean (>= 3 boxes)."""
    if len(a) < 3:
        return None
    a, b = np.array(a), np.array(b)
    return np.abs((a / a.mean()) / (b / b.mean()) - 1)


def rel_error(a, b):
    e = fold_errors(a, b)
    return None if e is None else float(np.median(e))


def lab_and_tool(tif, outdir):
    """The lab's boxes and volumes, bands.csv's rows (all, placeholders too), the detected boxes (doublets joined)
    and their one-to-one match {lab index: detected index}."""
    labs = lab_boxes(tif[:-4] + ".stp")
    img = np.array(Image.open(tif))
    if img.dtype == np.uint8:  # the 8-bit film-like export (March 19): dark bands on a light membrane
        img = 255 - img
    lv = [lab_volume(img, b) for b in labs]
    rows = list(csv.DictReader(open(os.path.join(outdir, "bands.csv"))))
    det = detected([r for r in rows if r["detected"] == "true"])
    return labs, lv, rows, det, one_to_one(det, labs)


def score(tif, outdir):
    labs, lv, rows, det, match = lab_and_tool(tif, outdir)
    rows = [r for r in rows if r["detected"] == "true"]
    strict = [([float(r[k]) for k in ("x", "y", "width", "height")], float(r["volume"]), r["status"] == "ok") for r in rows]
    smatch = one_to_one(strict, labs)
    # detected and off are counted over bands.csv's rows (doublet halves apart), as the old scorer did
    off = sum(1 for d in strict if not any(centre_in(d[0], l) for l in labs))
    rs, rs_old, rels = [], [], []
    for s in range(0, len(labs), 9):
        js = [j for j in range(s, min(s + 9, len(labs))) if j in match]
        rs.append(pearson([det[match[j]][1] for j in js], [lv[j] for j in js]))
        rels.append(rel_error([det[match[j]][1] for j in js], [lv[j] for j in js]))
        # the old scorer's r: over the strict matches (a doublet half's volume where a half matched)
        js = [j for j in range(s, min(s + 9, len(labs))) if j in smatch]
        rs_old.append(pearson([strict[smatch[j]][1] for j in js], [lv[j] for j in js]))
    # the unit: r per image, over the matched boxes of both strips (one exposure, so comparable)
    r_image = pearson([det[match[j]][1] for j in sorted(match)], [lv[j] for j in sorted(match)])
    lanes = list(csv.DictReader(open(os.path.join(outdir, "lanes.csv"))))
    strips = len({r["strip"] for r in lanes})
    return dict(labs=len(labs), matched=len(match), ok=sum(1 for j in match if det[match[j]][2]), det=len(strict), off=off,
                rs=rs, rs_old=rs_old, rels=rels, r_image=r_image, strips=strips, lanes=len(lanes), unmatched=[j + 1 for j in range(len(labs)) if j not in match])


RIGHT = 0.2  # a matched box is right when its fold change (fold_errors) is within 20 % of the lab's


def centre_in(d, b):
    """Box d's centre lies in box b."""
    return b[0] <= d[0] + d[2] / 2 < b[0] + b[2] and b[1] <= d[1] + d[3] / 2 < b[1] + b[3]


def on(band, lab):
    """A bands.csv box lies on a lab box when they share at least a quarter of the smaller of the two."""
    return overlap(band, lab) >= 0.25 * min(band[2] * band[3], lab[2] * lab[3])


def row_span(row):
    """A lab row's boxes and, between each two neighbours, the rectangle from one's centre to the other's (both
    heights): where a box of the tool is extra in that row (a tilted row's span is not its bounding box)."""
    row = sorted(row)
    out = list(row)
    for a, b in zip(row, row[1:]):
        x0, x1 = a[0] + a[2] / 2, b[0] + b[2] / 2
        y0, y1 = min(a[1], b[1]), max(a[1] + a[3], b[1] + b[3])
        out.append((x0, y0, x1 - x0, y1 - y0))
    return out


def trust(tif, outdir):
    """Per lab box (kind, said, text) and per extra box of a lab row: kind right / off (matched, fold change more than
    RIGHT off, or in a lab strip with fewer than 3 matches: no fold change) / missed / extra (a detected box matching no
    lab box, its centre inside a lab row's span: a second box on a band, a box between lanes); said = what the tool
    said there: 'band' (the matched box, or for a missed lab box any bands.csv row on it, placeholders too, is
    `check`), 'lane' (only the lane at its centre is not `ok`), '' (`ok`)."""
    labs, lv, rows, det, match = lab_and_tool(tif, outdir)
    lanes = [([float(r[k]) for k in ("x", "y", "width", "height")], r["status"], r["reasons"])
             for r in csv.DictReader(open(os.path.join(outdir, "lanes.csv")))]
    boxes = [([float(r[k]) for k in ("x", "y", "width", "height")], r) for r in rows]
    out = []

    def said(j, band_check):
        lane = [l for l in lanes if centre_in(labs[j], l[0])]
        return "band" if band_check else ("lane" if any(l[1] != "ok" for l in lane) else "")

    for s in range(0, len(labs), 9):
        js = range(s, min(s + 9, len(labs)))
        m = [j for j in js if j in match]
        err = fold_errors([det[match[j]][1] for j in m], [lv[j] for j in m])
        for j in js:
            x, y, w, h = labs[j]
            where = "lab box %d (%d,%d %dx%d)" % (j + 1, x, y, w, h)
            if j in match:
                d = det[match[j]]
                e = None if err is None else err[m.index(j)]
                kind = "right" if e is not None and e <= RIGHT else "off"
                text = "%s fold change %s, tool's %s %s" % (where, "-" if e is None else "%+.0f%%" % (100 * e), d[0], d[3] or "ok")
                out.append((kind, said(j, not d[2]), text))
            else:
                here = [r for b, r in boxes if on(b, labs[j])]
                text = "%s, tool's there: %s" % (where, "; ".join("%s %s" % (r["status"], r["reasons"]) for r in here) or "none")
                out.append(("missed", said(j, any(r["status"] != "ok" for r in here)), text))
        missed = [labs[j] for j in js if j not in match]
        for i, d in enumerate(det):
            if i not in match.values() and any(centre_in(d[0], b) for b in row_span([labs[j] for j in js])) \
                    and not any(on(d[0], b) for b in missed):
                out.append(("extra", "" if d[2] else "band", "tool's %s %s in lab row %d" % (d[0], d[3] or "ok", s // 9 + 1)))
    return out


def trusted(data, out, which, augdata, listing):
    """The trust table (issue 20: a number the tool cannot stand behind is flagged): per part, the lab boxes right,
    right but `check`, off, missed (and how many of them the tool flagged, by the band or only by its lane), the extra
    boxes in lab rows and of them `ok`; ok and wrong = off or missed unflagged + extra `ok`. listing: each of them."""
    if which == "aug":
        parts = [(a, os.path.join(augdata, a), os.path.join(out, "athenaz2-aug"), a + "-", ["B1AR", "B2AR"]) for a in sorted(os.listdir(augdata))]
    else:
        parts = [("dev" if which == "dev" else "held", data, os.path.join(out, "athenaz2-" + which), "",
                  ["B1AR", "B2AR"] if which == "dev" else ["B3AR"])]
    print("| part | lab boxes | right | right, `check` (band / lane only) | off | off, flagged (band / lane only) | missed | missed, flagged (band / lane only) | extra in lab rows | extra `ok` | **ok and wrong** |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for part, d, o, prefix, sub in parts:
        n = {}
        for _, tif, name in images(d, sub):
            outdir = os.path.join(o, prefix + name)
            if not os.path.exists(os.path.join(outdir, "bands.csv")):
                continue
            for kind, said, text in trust(tif, outdir):
                n[kind, said] = n.get((kind, said), 0) + 1
                sin = not said and kind != "right"
                if listing and (sin or kind == "right" and said):
                    print("  %s: %s %s %s: %s" % ("ok and wrong" if sin else "right, check (%s)" % said, part, name, kind, text))
        c = lambda kind, said=None: sum(v for (k, s), v in n.items() if k == kind and (said is None or s == said))
        print("| %s | %d | %d | %d / %d | %d | %d / %d | %d | %d / %d | %d | %d | **%d** |" % (
            part, c("right") + c("off") + c("missed"), c("right"), c("right", "band"), c("right", "lane"), c("off"), c("off", "band"),
            c("off", "lane"), c("missed"), c("missed", "band"), c("missed", "lane"), c("extra"), c("extra", ""),
            c("off", "") + c("missed", "") + c("extra", "")))


def tool_volume(rows, det, match, j, lab):
    """The tool's number at lab box j: the matched band's volume (a doublet pair summed), else the bands.csv row, detected
    or placeholder, sharing the most area with the lab box (what a scientist reading the table there would take), with
    whether it is `ok`; (None, False) where no row touches the box."""
    if j in match:
        d = det[match[j]]
        return d[1], d[2]
    best = max(rows, key=lambda r: overlap([float(r[k]) for k in ("x", "y", "width", "height")], lab), default=None)
    if best is None or overlap([float(best[k]) for k in ("x", "y", "width", "height")], lab) == 0:
        return None, False
    return float(best["volume"]), best["status"] == "ok"


def strips_of(labs):
    """The lab's strips (9 boxes each, in the .stp's order), top to bottom, each as its box indices left to right."""
    groups = [list(range(s, min(s + 9, len(labs)))) for s in range(0, len(labs), 9)]
    groups.sort(key=lambda g: statistics.mean(labs[j][1] for j in g))
    return [sorted(g, key=lambda j: labs[j][0]) for g in groups]


def readout(data, out, which):
    """The lab's readout (ZDF / ZL) per strip pair, from the lab's boxes (box sum less the ring's median, as `r`) and from
    the tool's volumes (tool_volume), with how many of the tool's 12 values used are `ok`."""
    print("| target image | strip | lab ZDF / ZL | tool | tool - lab | of the 12 tool values, `ok` |")
    print("|---|---|---|---|---|---|")
    diffs, within, n, unflagged_off = [], 0, 0, 0
    for part, tif, name in images(data, ["B1AR", "B2AR"] if which == "dev" else ["B3AR"]):
        gtif = tif[:-4] + "_GAPDH.tif"
        if tif.endswith("_GAPDH.tif") or not os.path.exists(gtif) or not os.path.exists(gtif[:-4] + ".stp"):
            continue
        gname = name + "_GAPDH"
        o, go = os.path.join(out, "athenaz2-" + which, name), os.path.join(out, "athenaz2-" + which, gname)
        if not (os.path.exists(os.path.join(o, "bands.csv")) and os.path.exists(os.path.join(go, "bands.csv"))):
            print("| %s | - | - | no output | - | - |" % os.path.basename(tif)[:-4])
            continue
        t, g = lab_and_tool(tif, o), lab_and_tool(gtif, go)
        ts, gs = strips_of(t[0]), strips_of(g[0])
        for k, (tj, gj) in enumerate(zip(ts, gs)):
            if len(tj) != 9 or len(gj) != 9:
                continue
            lab = [t[1][a] / g[1][b] for a, b in zip(tj, gj)]
            tv = [tool_volume(t[2], t[3], t[4], a, t[0][a]) for a in tj]
            gv = [tool_volume(g[2], g[3], g[4], b, g[0][b]) for b in gj]
            lanes = [0, 1, 2, 6, 7, 8]
            oks = sum(1 for i in lanes for v in (tv[i], gv[i]) if v[1])
            lab_ro = statistics.mean(lab[6:9]) / statistics.mean(lab[0:3])
            ratios = [tv[i][0] / gv[i][0] if tv[i][0] is not None and gv[i][0] not in (None, 0) else None for i in range(9)]
            n += 1
            if any(ratios[i] is None for i in lanes) or statistics.mean(ratios[0:3]) <= 0:
                print("| %s | %d | %.2f | none (a value missing or <= 0) | - | %d |" % (os.path.basename(tif)[:-4], k + 1, lab_ro, oks))
                continue
            ro = statistics.mean(ratios[6:9]) / statistics.mean(ratios[0:3])
            diffs.append(ro - lab_ro)
            within += abs(ro - lab_ro) <= 0.1
            unflagged_off += abs(ro - lab_ro) > 0.1 and oks == 12
            print("| %s | %d | %.2f | %.2f | %+.2f | %d |" % (os.path.basename(tif)[:-4], k + 1, lab_ro, ro, ro - lab_ro, oks))
    print("\n%s: %d strip pairs, a readout on %d, within 0.1 of the lab's on %d; median |tool - lab| %s; off by more than 0.1 "
          "with all 12 values `ok`: %d" % (which, n, len(diffs), within,
                                          "%.3f" % statistics.median(abs(d) for d in diffs) if diffs else "-", unflagged_off))


def fmt(r):
    return "-" if r is None else ("%.3f" if os.environ.get("PREC") else "%.2f") % r


BLOTS = os.path.join("ath", "Proof of Concept", "images_original", "_Western blots")


def images(data, parts):
    """(part, tif, run.sh's name for it) of each blot with the lab's boxes beside it."""
    root = os.path.join(data, BLOTS)
    clean = lambda s: s.replace(" ", "_").replace(",", "_")
    for part in parts:
        for tif in sorted(glob.glob(os.path.join(root, part, "*", "*.tif"))):
            if os.path.relpath(tif, root) not in SKIP and os.path.exists(tif[:-4] + ".stp"):
                yield part, tif, "%s-%s-%s" % (part, clean(os.path.basename(os.path.dirname(tif))), clean(os.path.basename(tif)[:-4]))


def per_image(data, outset, prefix=""):
    """{name: score or None (no output)} over the development blots."""
    res = {}
    for part, tif, name in images(data, ["B1AR", "B2AR"]):
        outdir = os.path.join(outset, prefix + name)
        res[name] = score(tif, outdir) if os.path.exists(os.path.join(outdir, "bands.csv")) else None
    return res


def strong_r(r):
    """r >= 0.9 as printed (two decimals), as the old scorer counted: 0.895 and 0.899 count."""
    return r is not None and round(r, 2) >= 0.9


def strong(res):
    return sum(1 for s in res.values() if s for r in s["rs"] if strong_r(r))


def augmented(data, out, augdata):
    """Per augmentation (augment.py), the lab boxes matched and the lab strips at r >= 0.9 against the unaugmented run;
    the images whose matches moved: unaugmented -> augmented (strips/lanes)."""
    base = per_image(data, os.path.join(out, "athenaz2-dev"))
    m0 = sum(s["matched"] for s in base.values() if s)
    print("none: matched %d / %d, strips r>=0.9 %d of %d" % (m0, sum(s["labs"] for s in base.values() if s), strong(base),
                                                             sum(len(s["rs"]) for s in base.values() if s)))
    for aug in sorted(os.listdir(augdata)):
        res = per_image(os.path.join(augdata, aug), os.path.join(out, "athenaz2-aug"), aug + "-")
        m = sum(s["matched"] for s in res.values() if s)
        moved = ["%s %s -> %s (%s)" % (n, base[n]["matched"] if base[n] else "-", s["matched"] if s else "no output",
                                       "%d/%d" % (s["strips"], s["lanes"]) if s else "-")
                 for n, s in res.items() if not s or not base[n] or s["matched"] != base[n]["matched"]]
        print("%-8s matched %d (%+d), strips r>=0.9 %d%s" % (aug, m, m - m0, strong(res), "".join("\n    " + x for x in moved)))


def diluted(data, out, augdata):
    """The dilution series: per lane rank k (factor 2^-k) and per band height over the noise, the lab boxes found; per
    rank the median |volume / expected - 1|, expected = the undiluted image's lab-box volume x 2^-k, both scaled by the
    strip's ranks 0-2 (a fold change read against the bright lanes: the series' linearity). Development (`dilute`),
    and held-out (`dilute-held`, augment.py --held) when it was made."""
    for folder, parts in (("dilute", ["B1AR", "B2AR"]), ("dilute-held", ["B3AR"])):
        aug = os.path.join(augdata, folder)
        if not os.path.isdir(aug):
            continue
        rows = list(csv.DictReader(open(os.path.join(aug, "dilution.tsv")), delimiter="\t"))
        info = {(r["image"], int(r["item"])): (int(r["lane_rank"]), float(r["factor"]), float(r["peak_over_noise"])) for r in rows}
        found, err, failed = {}, {}, []
        for part, tif, name in images(aug, parts):
            outdir = os.path.join(out, "athenaz2-aug", folder + "-" + name)
            rel = os.path.relpath(tif, os.path.join(aug, BLOTS))
            labs = lab_boxes(tif[:-4] + ".stp")
            if not os.path.exists(os.path.join(outdir, "bands.csv")):  # the run failed: no box of it is found
                failed.append(name)
                labs, match, det = labs, {}, []
            else:
                labs, lv, rows_, det, match = lab_and_tool(tif, outdir)
            orig = np.array(Image.open(os.path.join(data, BLOTS, rel)))
            if orig.dtype == np.uint8:
                orig = 255 - orig
            for s in range(0, len(labs), 9):
                ratio = {}
                for j in range(s, min(s + 9, len(labs))):
                    if (rel, j + 1) not in info:  # too near the image's edge to dilute (augment.py's dilute)
                        continue
                    k, f, snr = info[rel, j + 1]
                    band = "<2" if snr < 2 else "2-3" if snr < 3 else "3-5" if snr < 5 else "5-10" if snr < 10 else ">=10"
                    found.setdefault(band, []).append(j in match)
                    found.setdefault(k, []).append(j in match)
                    if j in match:
                        ratio[k] = det[match[j]][1] / (lab_volume(orig, labs[j]) * f)
                bright = [ratio[k] for k in (0, 1, 2) if k in ratio]
                if bright:
                    norm = statistics.median(bright)
                    for k, r in ratio.items():
                        err.setdefault(k, []).append(abs(r / norm - 1))
        print("%s (%s)%s" % (folder, " ".join(parts), "; runs that failed (nothing found): " + ", ".join(failed) if failed else ""))
        print("| lane (factor) | lab boxes | found one-to-one | median |volume / two-fold series - 1| of those found |")
        print("|---|---|---|---|")
        for k in range(9):
            f = found.get(k, [])
            print("| %d (1/%d) | %d | %d | %s |" % (k + 1, 2 ** k, len(f), sum(f), "%.1f %%" % (100 * statistics.median(err[k])) if err.get(k) else "-"))
        print("\n| band height over the pixel noise | lab boxes | found one-to-one |\n|---|---|---|")
        for band in (">=10", "5-10", "3-5", "2-3", "<2"):
            f = found.get(band, [])
            print("| %s | %d | %d (%.0f %%) |" % (band, len(f), sum(f), 100.0 * sum(f) / max(1, len(f))))
        print()


def main():
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) < 3 or args[2] not in ("dev", "held", "aug") or (args[2] == "aug") != (len(args) == 4) \
            or not set(flags) <= {"--trust", "--boxes", "--dilution", "--readout"} or ("--readout" in flags and args[2] == "aug"):
        sys.exit("usage: score_athenaz2.py DATA OUT dev|held, or DATA OUT aug AUGDATA (augment.py's folder); "
                 "--trust [--boxes]: the trust table [and each box in it]; aug AUGDATA --dilution: the dilution series; "
                 "dev|held --readout: the lab's readout (ZDF / ZL) per strip pair")
    data, out, which = args[:3]
    if "--trust" in flags:
        return trusted(data, out, which, args[3] if which == "aug" else None, "--boxes" in flags)
    if "--readout" in flags:
        return readout(data, out, which)
    if which == "aug":
        return diluted(data, out, args[3]) if "--dilution" in flags else augmented(data, out, args[3])
    for part in (["B1AR", "B2AR"] if which == "dev" else ["B3AR"]):
        tot = dict(labs=0, matched=0, ok=0, det=0, off=0)
        allr, allr_old, allrel, images_r = [], [], [], []
        for _, tif, name in images(data, [part]):
            outdir = os.path.join(out, "athenaz2-" + which, name)
            if not os.path.exists(os.path.join(outdir, "bands.csv")):
                print("%s: no output" % name)
                continue
            s = score(tif, outdir)
            for k in tot:
                tot[k] += s[k]
            allr += [r for r in s["rs"] if r is not None]
            allr_old += [r for r in s["rs_old"] if r is not None]
            allrel += [r for r in s["rels"] if r is not None]
            if s["r_image"] is not None:
                images_r.append(s["r_image"])
            print("%-42s labs %2d  strips/lanes %d/%2d  det %3d (off %3d)  matched %2d (ok %2d)  r %s (image %s; old %s)  rel %s  missed %s" % (
                os.path.basename(tif)[:-4], s["labs"], s["strips"], s["lanes"], s["det"], s["off"], s["matched"], s["ok"],
                " / ".join(fmt(r) for r in s["rs"]), fmt(s["r_image"]), " / ".join(fmt(r) for r in s["rs_old"]),
                " / ".join("-" if r is None else "%.1f%%" % (100 * r) for r in s["rels"]), s["unmatched"]))
        good = sum(1 for r in allr if strong_r(r))
        print("%s: matched %d / %d (%.0f %%; ok %d)  strips r>=0.9 %d of %d (median %.2f; old scorer %d of %d, %.2f)  detected %d (off %d)" % (
            part, tot["matched"], tot["labs"], 100.0 * tot["matched"] / max(1, tot["labs"]), tot["ok"], good, len(allr),
            statistics.median(allr) if allr else float("nan"), sum(1 for r in allr_old if strong_r(r)), len(allr_old),
            statistics.median(allr_old) if allr_old else float("nan"), tot["det"], tot["off"]))
        print("%s: images r>=0.9 %d of %d (median %.2f; r over both strips of an image, the issue's unit)" % (
            part, sum(1 for r in images_r if strong_r(r)), len(images_r), statistics.median(images_r) if images_r else float("nan")))
        print("%s: strips' rel (median fold-change error) median %.1f %%, within 5 %%: %d of %d, within 10 %%: %d of %d\n" % (
            part, 100 * statistics.median(allrel) if allrel else float("nan"), sum(1 for r in allrel if r <= 0.05), len(allrel),
            sum(1 for r in allrel if r <= 0.10), len(allrel)))


if __name__ == "__main__":
    main()
