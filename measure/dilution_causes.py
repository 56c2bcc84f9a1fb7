#!/usr/bin/env python3
"""dilution_causes.py AUGDATA OUT [dilute|dilute-held] [--boxes]: the dilution series' lab boxes lost in lanes the tool
found (dilution_why.py's "boxed off" and "no band"), sorted by cause (docs/history/blots.md, session 22). Each such box,
in this order:
  under 3x       its band's height over the pixel noise (dilution.tsv) is under 3: not asked by issue 20's aim
  row dropped    no detected box and no placeholder on it: its row went whole (a minority of its lanes over
                 min_band_percent, RowGrouper's speck rule)
  placeholder    no detected box, a placeholder on it: the row was kept, the band not seen (under min_band_percent)
  cluster        the overlapping detected box (best IoU) is a cluster or 1.5x the lab box's height: boxed with something else
  narrow         that box is under 0.75 of the lab box's width, or trimmed at a lane border (lanes at another pitch)
  short          that box is under 0.75 of the lab box's height (a faint band's 5 % edge in the noise)
  shifted        otherwise (boxed off the lab's)
--boxes prints each box. Needs numpy and PIL (score_athenaz2.py's)."""
import csv, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_athenaz2 as S  # noqa: E402

CAUSES = ["under 3x", "row dropped", "placeholder", "cluster", "narrow", "short", "shifted"]


def cause(snr, det, ph, b):
    if snr < 3:
        return "under 3x", ""
    ov = [d for d in det if S.overlap(d[0], b) > 0]
    if not ov:
        return ("placeholder" if any(S.overlap(p, b) > 0 for p in ph) else "row dropped"), ""
    d = max(ov, key=lambda d: S.iou(d[0], b))
    desc = "iou %.2f h %.0f/%.0f w %.0f/%.0f %s" % (S.iou(d[0], b), d[0][3], b[3], d[0][2], b[2], d[3])
    if "cluster" in d[3].split(";") or d[0][3] > 1.5 * b[3]:
        return "cluster", desc
    if d[0][2] < 0.75 * b[2] or "trimmed" in d[3].split(";"):
        return "narrow", desc
    if d[0][3] < 0.75 * b[3]:
        return "short", desc
    return "shifted", desc


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    augdata, out = args[0], args[1]
    folder = args[2] if len(args) > 2 else "dilute"
    aug = os.path.join(augdata, folder)
    parts = ["B3AR"] if folder.endswith("held") else ["B1AR", "B2AR"]
    info = {(r["image"], int(r["item"])): float(r["peak_over_noise"])
            for r in csv.DictReader(open(os.path.join(aug, "dilution.tsv")), delimiter="\t")}
    count = dict.fromkeys(CAUSES, 0)
    for _, tif, name in S.images(aug, parts):
        od = os.path.join(out, "athenaz2-aug", folder + "-" + name)
        if not os.path.exists(os.path.join(od, "bands.csv")):
            continue
        rel = os.path.relpath(tif, os.path.join(aug, S.BLOTS))
        labs, _, rows, det, match = S.lab_and_tool(tif, od)
        lanes = list(csv.DictReader(open(os.path.join(od, "lanes.csv"))))
        ph = [[float(r[k]) for k in ("x", "y", "width", "height")] for r in rows if r["detected"] != "true"]
        for j, b in enumerate(labs):
            if (rel, j + 1) not in info or j in match:
                continue
            cy = b[1] + b[3] / 2
            if not any(b[0] + b[2] / 4 <= int(l["x"]) + int(l["width"]) / 2 <= b[0] + 3 * b[2] / 4
                       and int(l["y"]) <= cy <= int(l["y"]) + int(l["height"]) for l in lanes):
                continue  # no lane there: dilution_why.py's "no lane"
            c, desc = cause(info[rel, j + 1], det, ph, b)
            count[c] += 1
            if "--boxes" in sys.argv:
                print("%-50s lab box %-3d %5.1fx the noise  %-12s %s" % (name[:50], j + 1, info[rel, j + 1], c, desc))
    print("| cause | lab boxes |\n|---|---|")
    for c in CAUSES:
        print("| %s | %d |" % (c, count[c]))
    print("| all in lanes that exist | %d |" % sum(count.values()))


if __name__ == "__main__":
    main()
