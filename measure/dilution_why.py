#!/usr/bin/env python3
"""dilution_why.py AUGDATA OUT [dilute|dilute-held]: why the dilution series' lab boxes are not found (docs/history/blots.md,
session 21). Each lab box of augment.py's two-fold series (its lane rank from dilution.tsv), as run.sh's athenaz2-aug
left it in OUT/athenaz2-aug/<folder>-<name>:
  found      matched one-to-one (IoU >= 0.5), as score_athenaz2.py --dilution counts it
  boxed off  a lane is there (a found lane's centre inside the lab box's middle half, its strip over the box's centre
             row) and a detected box overlaps the lab box, but not at IoU >= 0.5
  no band    a lane is there and no detected box overlaps the lab box (under min_band_percent, or dropped with its row)
  no lane    no found lane is centred on the lab box (the strip's lanes at another pitch or place, or strips merged)
  failed     the run found nothing (no bands.csv)
Needs numpy and PIL (score_athenaz2.py's)."""
import csv, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_athenaz2 as S  # noqa: E402

KINDS = ["found", "boxed off", "no band", "no lane", "failed"]
LETTER = dict(zip(KINDS, "Xobl" + "f"))


def main():
    augdata, out = sys.argv[1], sys.argv[2]
    folder = sys.argv[3] if len(sys.argv) > 3 else "dilute"
    aug = os.path.join(augdata, folder)
    parts = ["B3AR"] if folder.endswith("held") else ["B1AR", "B2AR"]
    info = {(r["image"], int(r["item"])): int(r["lane_rank"])
            for r in csv.DictReader(open(os.path.join(aug, "dilution.tsv")), delimiter="\t")}
    tab = {}
    for _, tif, name in S.images(aug, parts):
        od = os.path.join(out, "athenaz2-aug", folder + "-" + name)
        rel = os.path.relpath(tif, os.path.join(aug, S.BLOTS))
        labs = S.lab_boxes(tif[:-4] + ".stp")
        ran = os.path.exists(os.path.join(od, "bands.csv"))
        if ran:
            labs, _, _, det, match = S.lab_and_tool(tif, od)
            lanes = list(csv.DictReader(open(os.path.join(od, "lanes.csv"))))
        pattern = []
        for j, b in enumerate(labs):
            if (rel, j + 1) not in info:  # too near the image's edge to dilute
                continue
            if not ran:
                why = "failed"
            elif j in match:
                why = "found"
            else:
                cy = b[1] + b[3] / 2
                there = [l for l in lanes if b[0] + b[2] / 4 <= int(l["x"]) + int(l["width"]) / 2 <= b[0] + 3 * b[2] / 4
                         and int(l["y"]) <= cy <= int(l["y"]) + int(l["height"])]
                why = "no lane" if not there else "boxed off" if any(S.overlap(d[0], b) > 0 for d in det) else "no band"
            pattern.append((j // 9, info[rel, j + 1], LETTER[why]))
            tab.setdefault(info[rel, j + 1], {}).setdefault(why, 0)
            tab[info[rel, j + 1]][why] += 1
        strips = sorted({p[0] for p in pattern})
        print("%-60s %s" % (name[:60], " ".join("".join(p[2] for p in sorted(q for q in pattern if q[0] == s)) for s in strips)))
    print("\n(each lab strip's lanes from the undiluted one: X found, o boxed off, b no band, l no lane, f failed)\n")
    print("| lane (factor) | " + " | ".join(KINDS) + " |\n|---|" + "---|" * len(KINDS))
    tot = dict.fromkeys(KINDS, 0)
    for k in sorted(tab):
        print("| %d (1/%d) | %s |" % (k + 1, 2 ** k, " | ".join(str(tab[k].get(w, 0)) for w in KINDS)))
        for w in KINDS:
            tot[w] += tab[k].get(w, 0)
    print("| all | %s |" % " | ".join(str(tot[w]) for w in KINDS))


if __name__ == "__main__":
    main()
