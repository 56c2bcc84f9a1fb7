#!/usr/bin/env python3
"""fading_dips.py AUGDATA [dilute|dilute-held|none]: the dips between touching bands of each lab strip, lane by lane
(docs/history/blots.md, session 21): per lab strip (its 9 boxes, left to right), the column profile over the strip's rows as
LaneFinder.valleyLanes sees it (uncapped, smoothed over a 300th of the width), each lane's top over the dark (the
profile's 5th percentile), and at each border between two lab boxes the dip (the profile's least within 8 px of the
border) below the fainter of the two tops: as a fraction of the strip's deepest such dip (what LaneFinder.DIP is
compared with) and of the fainter top (a depth a dilution does not change). `none` reads the unaltered development
blots (AUGDATA = DATA). Needs numpy, PIL and scipy."""
import os, sys
import numpy as np
from PIL import Image
from scipy.ndimage import uniform_filter1d

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_athenaz2 as S  # noqa: E402


def main():
    aug, folder = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "dilute"
    root = aug if folder == "none" else os.path.join(aug, folder)
    parts = ["B3AR"] if folder.endswith("held") else ["B1AR", "B2AR"]
    for _, tif, name in S.images(root, parts):
        labs = S.lab_boxes(tif[:-4] + ".stp")
        img = np.array(Image.open(tif))
        a = (255 - img if img.dtype == np.uint8 else img).astype(float)  # the 8-bit film-like export: dark bands
        for k in range(0, len(labs) - 8, 9):
            box = sorted(labs[k:k + 9], key=lambda b: b[0])
            rows = slice(min(b[1] for b in box), max(b[1] + b[3] for b in box))
            u = uniform_filter1d(a[rows].mean(0), 2 * max(1, a.shape[1] // 300) + 1)
            dark = np.percentile(u, 5)
            tops = [u[b[0] + b[2] // 4: b[0] + 3 * b[2] // 4].max() for b in box]
            deep, rel = [], []
            for i in range(8):
                x = (box[i][0] + box[i][2] + box[i + 1][0]) // 2
                d = min(tops[i], tops[i + 1]) - u[max(0, x - 8): x + 9].min()
                deep.append(d)
                rel.append(d / max(1e-9, min(tops[i], tops[i + 1]) - dark))
            top = max(deep)
            print("%-50s strip %d  tops %s | dip / deepest %s | dip / fainter top %s" % (
                name[:50], k // 9 + 1, " ".join("%d" % (t - dark) for t in tops),
                " ".join("%.2f" % (d / top) for d in deep), " ".join("%.2f" % r for r in rel)))


if __name__ == "__main__":
    main()
