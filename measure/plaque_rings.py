#!/usr/bin/env python3
"""plaque_rings.py DATA OUT dev [--wells]: the 12-well plaque wells' rings (a circular vote on plaque rims, as
RingPlaques in the command), and the ring-plate rule replayed on them (session 24, issue 19; after `run.sh ...
plaques-dev`; numpy, PIL, scipy).

For every pixel as a centre and every radius from 0.08 to 0.17 of the analysed radius, each of 24 rays votes when the
smoothed image (Gaussian SD 0.012 of the radius) at that radius is lighter than 0.035 of the radius further out by RIM x
the headroom (full scale minus the well's median inside 0.9 of the radius); the share of the rays voting, at the best
radius, is the centre's vote, where at least half its rays lie inside 0.96 of the radius and its inside (a square as wide
as the radius) is no darker than the mean outside the rim. Each maximum of the votes (smoothed as the image, in a square
of 0.1 of the radius) inside 0.9 of the radius is a ring.

Replayed on the run's wells.csv (every well of a plate; the wells' counts as written): a plate is a ring plate when its
votes of at least PLATE_VOTE are at least 100, at least SHARE x its count, and its quietest well's at most 30; there a
well counts max(its count, its rings of at least VOTE). Within max(2, 25 %) per virus; `ok` and wrong as score_trust.py.
Development only: the held-out photos are run once with the final code, never looked at with this."""
import sys
import numpy as np
from scipy import ndimage as ndi
import score_plaques as sp

NA = 24
RIMS = [0.0125, 0.015, 0.02]
VOTES = [0.25, 0.3, 0.35, 0.4, 0.5]
SHARES = [2.5, 2.8, 4]
PLATE_VOTE, PLATE_MIN, QUIET = 0.6, 100, 30

within = sp.within


def rings(g, x, y, r, rims):
    """The votes of the well's maxima per RIM (g: the crop, plaques light; (x, y) the centre in it)."""
    sm, out = 0.012 * r, max(1, int(round(0.035 * r)))
    yy, xx = np.mgrid[:g.shape[0], :g.shape[1]]
    d = np.hypot(xx + 0.5 - x, yy + 0.5 - y) / r
    head = 255 - np.median(g[d < 0.9])
    s = ndi.gaussian_filter(g, sm)
    s = np.where(d < 0.96, s, np.nan)
    pad = int(0.17 * r) + out + 3
    P = np.pad(s, pad, constant_values=np.nan)
    sf, wf = np.where(np.isnan(s), 0, s), (~np.isnan(s)).astype(float)
    at = lambda dy, dx: P[pad + dy:pad + dy + g.shape[0], pad + dx:pad + dx + g.shape[1]]
    best = [np.zeros(g.shape) for _ in rims]
    for rr in range(max(3, int(round(0.08 * r))), max(3, int(round(0.17 * r))) + 1):
        acc = [np.zeros(g.shape) for _ in rims]; n = np.zeros(g.shape); osum = np.zeros(g.shape)
        for t in 2 * np.pi * np.arange(NA) / NA:
            a = at(int(round(rr * np.sin(t))), int(round(rr * np.cos(t))))
            b = at(int(round((rr + out) * np.sin(t))), int(round((rr + out) * np.cos(t))))
            D = (a - b) / head; v = ~np.isnan(D)
            for i, rim in enumerate(rims): acc[i] += np.where(v, D > rim, 0)
            n += v; osum += np.where(v, b, 0)
        k = rr | 1
        inner = ndi.uniform_filter(sf, k, mode='constant') / np.maximum(ndi.uniform_filter(wf, k, mode='constant'), 1e-9)
        ok = (n >= NA / 2) & (inner >= osum / np.maximum(n, 1))
        for i in range(len(rims)): np.maximum(best[i], np.where(ok, acc[i] / np.maximum(n, 1), 0), out=best[i])
    res = []
    for b in best:
        bb = ndi.gaussian_filter(b, sm)
        p = (bb == ndi.maximum_filter(bb, size=2 * max(1, int(round(0.05 * r))) + 1)) & (bb > 0.2) & (d < 0.9)
        res.append(np.sort(bb[p])[::-1])
    return res


def plates(data, out):
    for v, n, ws, truth, img in sp.analysed(data, out, 'dev'):
        wells = []
        for w in ws:
            x, y, r = float(w['x']), float(w['y']), float(w['radius'])
            x0, y0 = max(0, int(x - r) - 1), max(0, int(y - r) - 1)
            g = img[y0:int(y + r) + 2, x0:int(x + r) + 2]
            t, countable = truth[w['well']]
            wells.append((w, t, countable, rings(g, x - x0, y - y0, r, RIMS)))
        yield v, n, wells


def main(data, out, verbose):
    ps = list(plates(data, out))
    print('| RIM | VOTE | SHARE | with plaques within (150) | Brisbane / IBV / PR8v | empty at 0 / within 2 (63) | ok and wrong | ring plates |')
    print('|---|---|---|---|---|---|---|---|')
    for i, rim in enumerate(RIMS):
        for share in SHARES:
            for vote in VOTES:
                s = {'wp': 0, 'e0': 0, 'e2': 0, 'okw': 0}; per = {}; rp = []
                for v, n, wells in ps:
                    strong = [int((q[i] >= PLATE_VOTE).sum()) for _, _, _, q in wells]
                    count = sum(int(w['colonies']) for w, _, _, _ in wells)
                    ring = sum(strong) >= PLATE_MIN and sum(strong) >= share * count and min(strong) <= QUIET
                    if ring: rp.append(f'{v} {n}')
                    for w, t, countable, q in wells:
                        if not countable: continue
                        c = int(w['colonies'])
                        k = max(c, int((q[i] >= vote).sum())) if ring else c
                        if t > 0: s['wp'] += within(k, t); per[v] = per.get(v, 0) + within(k, t)
                        else: s['e0'] += k == 0; s['e2'] += within(k, t)
                        s['okw'] += w['status'] == 'ok' and not within(k, t)
                        if verbose and ring and rim == 0.015 and vote == 0.3 and share == 2.8:
                            print(f'  {v} {n} {w["well"]} people {t} counted {c} rings {k} {w["status"]} {w["reasons"]}')
                print(f'| {rim} | {vote} | {share} | {s["wp"]} | ' + ' / '.join(str(per.get(v, 0)) for v in sp.VIRUSES['dev'])
                      + f' | {s["e0"]} / {s["e2"]} | {s["okw"]} | {", ".join(rp)} |')


if __name__ == '__main__':
    if len(sys.argv) < 4 or sys.argv[3] != 'dev': sys.exit('usage: plaque_rings.py DATA OUT dev [--wells] (development only)')
    main(sys.argv[1], sys.argv[2], '--wells' in sys.argv)
