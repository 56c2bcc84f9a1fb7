#!/usr/bin/env python3
"""fading_pitch.py AUGDATA [dilute|dilute-held|none]: which column profile shows the lane pitch of a fading series
(docs/history/blots.md, session 20). Per lab strip (its 9 boxes: band rows = the boxes' rows, true pitch = the median gap of
their centres), the autocorrelation pitch (LaneFinder.pitch, re-done here) of the column profile over the band rows, made
five ways, over the whole width and inside the profile's band region; a pitch within 15 % of the true one counts.
  capped:   pixels capped at the image's 99th percentile (as LaneFinder on these frames)
  free:     each column less its vertical opening over 61 rows (the membrane's level and edges gone), uncapped
  log:      log of `free` (floored at 3 profile-noise units)
  agc:      `free` inside its band region (a tenth of the way from its 5th to its 95th percentile), each column scaled
            to the profile's range within +-25 px (a lane at 1/256 ripples as much as the first)
`none` reads the unaltered development blots (AUGDATA = DATA). Needs numpy, PIL and scipy."""
import os, sys
import numpy as np
from PIL import Image
from scipy.ndimage import grey_opening, uniform_filter1d, maximum_filter1d, minimum_filter1d

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_athenaz2 as S  # noqa: E402


def smooth(p, half):
    return uniform_filter1d(p, 2 * half + 1, mode="nearest")


def pitch(p):
    """LaneFinder.pitch: the first strong autocorrelation maximum after the first zero of the detrended profile."""
    n = len(p)
    h = p - smooth(p, max(2, n // 8))
    lags = n // 2
    r = np.array([np.dot(h[:n - k], h[k:]) / (n - k) for k in range(lags + 1)])
    if r[0] <= 0:
        return -1
    k = 1
    while k <= lags and r[k] > 0:
        k += 1
    top = r[k:].max() if k <= lags else 0
    if top <= 0.1 * r[0]:
        return -1
    for j in range(max(k, 1), lags):
        if r[j] >= 0.5 * top and r[j] >= r[j - 1] and r[j] >= r[j + 1]:
            return j
    return -1


def region(c, fraction):
    lo, hi = np.percentile(c, 5), np.percentile(c, 95)
    i = np.flatnonzero(c > lo + fraction * (hi - lo))
    return i[0], i[-1] + 1


def profiles(a, rows):
    s = np.sort(a.ravel()[::7])
    w = max(1, a.shape[1] // 300)
    free = a - grey_opening(a, size=(61, 1))
    c = smooth(free[rows].mean(0), w)
    noise = max(1e-9, np.median(np.abs(np.diff(c))))
    i0, i1 = region(c, 0.1)
    r = c[i0:i1]
    lo, hi = smooth(minimum_filter1d(r, 51), 12), smooth(maximum_filter1d(r, 51), 12)
    return {"capped": smooth(np.minimum(a, s[int(0.99 * (len(s) - 1))])[rows].mean(0), w), "free": c,
            "log": np.log(np.maximum(c, 3 * noise)), "agc": (r - lo) / np.maximum(hi - lo, 1e-9)}


def main():
    aug, folder = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "dilute"
    root = aug if folder == "none" else os.path.join(aug, folder)
    parts = ["B3AR"] if folder.endswith("held") else ["B1AR", "B2AR"]
    right, strips = {}, 0
    for _, tif, name in S.images(root, parts):
        labs = S.lab_boxes(tif[:-4] + ".stp")
        a = np.array(Image.open(tif)).astype(float)
        for k in range(0, len(labs) - 8, 9):
            box = labs[k:k + 9]
            true = np.median(np.diff(sorted(b[0] + b[2] / 2 for b in box)))
            rows = slice(min(b[1] for b in box), max(b[1] + b[3] for b in box))
            out = []
            for kind, c in profiles(a, rows).items():
                for inside in ((True,) if kind == "agc" else (False, True)):
                    p = pitch(c[slice(*region(c, 0.25))] if inside and kind != "agc" else c)
                    ok = abs(p - true) < 0.15 * true
                    key = kind + (" (band region)" if inside and kind != "agc" else "")
                    right[key] = right.get(key, 0) + ok
                    out.append("%s %d%s" % (key, p, "*" if ok else ""))
            strips += 1
            print("%-45s strip %d true %d: %s" % (name[:45], k // 9 + 1, true, ", ".join(out)))
    print("\n| profile | strips whose pitch is right (of %d) |\n|---|---|" % strips)
    for key, n in right.items():
        print("| %s | %d |" % (key, n))


if __name__ == "__main__":
    main()
