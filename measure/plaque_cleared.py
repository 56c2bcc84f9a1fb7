#!/usr/bin/env python3
"""plaque_cleared.py DATA OUT dev|held: how far each 12-well plaque well's monolayer is lighter than its plate's most
intact well's (the level WellQuantifier.cleared judges: the analysed circle's upper median in the run's analysed
channel, plaques up, minus the plate's lowest, over full scale minus that lowest), by what the people said of the well
(uncountable; countable) and how the run read it (ok; check, `cleared` not counted as a reason). Session 25: the
people's uncountable wells read ok on main, against the countable wells read ok, chose WellQuantifier.CLEARED.
Needs numpy and PIL; OUT as run.sh writes it."""
import sys
import numpy as np
from score_plaques import analysed


def level(img, x, y, r):
    h, w = img.shape
    y0, y1, x0, x1 = max(0, int(y - r) - 1), min(h, int(y + r) + 2), max(0, int(x - r) - 1), min(w, int(x + r) + 2)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    a = np.sort(img[y0:y1, x0:x1][(xx + 0.5 - x) ** 2 + (yy + 0.5 - y) ** 2 <= r * r])
    return a[len(a) // 2]  # the upper median, as Medians.upper


def main(data, out, part):
    groups = {}
    for v, n, ws, truth, img in analysed(data, out, part):
        lv = {w['well']: level(img, float(w['x']), float(w['y']), float(w['radius'])) for w in ws}
        low = min(lv.values())
        for w in ws:
            t, countable = truth[w['well']]
            ok = not set(w['reasons'].split(';')) - {'', 'cleared'}
            key = ('countable' if countable else 'uncountable') + (' read ok' if ok else ' read check')
            groups.setdefault(key, []).append((lv[w['well']] - low) / (255 - low))
    for k in sorted(groups):
        f = np.sort(groups[k])
        q = ' / '.join(f'{x:.2f}' for x in np.quantile(f, [0, 0.25, 0.5, 0.75, 1]))
        print(f'{k:24s} {len(f):3d} wells: min / quartiles / max {q}; at least 0.13: {int((f >= 0.13).sum())}; ' + ' '.join(f'{x:.2f}' for x in f if x >= 0.05))


if __name__ == '__main__':
    main(*sys.argv[1:4])
