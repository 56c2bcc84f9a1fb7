#!/usr/bin/env python3
"""plaque_spots.py DATA OUT dev [--wells]: the 12-well plaque wells' light spots at the plaque scale, and two rules
replayed on them (session 23, issue 19; after `run.sh ... plaques-dev`; numpy, PIL, scipy).

A spot is a maximum of the negated, scale-normalised Laplacian of Gaussian (SD = SCALE x the analysed radius / sqrt 2)
of the run's channel (plaques light), the highest in a square SPACING x SCALE x the radius wide, inside 0.9 of the
radius, whose response is above CONTRAST x the headroom (full scale minus the well's median) and, with SIGMAS > 0,
above the well's median response plus SIGMAS robust SDs. Each of PR8v's faint plaques (a slightly lighter disc with
a lighter ring and a small core) and each clear plaque is about one spot; so is a piece of a sharp ring, a speck,
or a mottled monolayer's patch (docs/history/wells.md, session 23).

Replayed on the run's wells.csv (its wells, count, status and reasons; the spots are counted over the whole circle,
a peeled band included, not scaled):
  count: a well flagged faint_plaques (or, the second table, threshold_at_full_scale) is counted max(its count, its
         spots); within max(2, 25 %) per virus;
  status: an `ok` well whose spots are at least A and at least B x its count + 2 is flagged; wrong and right ones caught.
Development only: the held-out photos are run once with a rule's final code, never looked at with this."""
import os, sys
import numpy as np
from scipy import ndimage as ndi
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_plaques as sp

SCALES = [0.04, 0.05, 0.06, 0.08]
SPACINGS = [1.0, 1.5, 2.5, 4.0]
CONTRASTS = [0.04, 0.05, 0.06, 0.08]
SIGMAS = [0, 3]

within = sp.within


def spots(data, out):
    """Per countable well: its row, the people's count, and the spots' (response, level of SIGMAS) per (scale, spacing)."""
    for v, n, ws, truth, img in sp.analysed(data, out, 'dev'):
        for w in ws:
            t, countable = truth[w['well']]
            if not countable: continue
            x, y, r = float(w['x']), float(w['y']), float(w['radius'])
            R = int(r) + 2; x0, y0 = int(round(x)) - R, int(round(y)) - R
            g = img[max(0, y0):y0 + 2 * R + 1, max(0, x0):x0 + 2 * R + 1]
            yy, xx = np.mgrid[:g.shape[0], :g.shape[1]]
            d = np.hypot(xx + max(0, x0) - x, yy + max(0, y0) - y) / r
            core = d < 0.9
            head = 255 - np.median(g[core])
            found = {}
            for s in SCALES:
                sd = s * r / np.sqrt(2)
                L = -sd * sd * ndi.gaussian_laplace(g, sd)
                med = np.median(L[core]); rsd = 1.4826 * np.median(np.abs(L[core] - med))
                for sp_ in SPACINGS:
                    m = (L == ndi.maximum_filter(L, size=max(3, int(sp_ * s * r)))) & core
                    found[(s, sp_)] = (L[m] / head, med / head, rsd / head)
            yield (v, n, w['well']), w, t, found


def count(found, s, sp_, c, k):
    resp, med, rsd = found[(s, sp_)]
    return int(np.sum(resp > max(c, med + k * rsd if k else 0)))


def main(data, out, verbose):
    wells = list(spots(data, out))
    base = {}
    for key, w, t, _ in wells:
        b = base.setdefault((key[0], t > 0), [0, 0]); b[0] += 1; b[1] += within(int(w['colonies']), t)
    for gate in ['faint_plaques', 'threshold_at_full_scale']:
        counted(wells, base, gate)
    status(wells)
    if verbose:
        print('\n| photo | well | people | counted | status | reasons | spots (0.05, 1.5, 0.05, 0) |'); print('|---|---|---|---|---|---|---|')
        for key, w, t, found in wells:
            if t > 0 or 'faint_plaques' in w['reasons']:
                print(f'| {key[0]} {key[1]} | {key[2]} | {t} | {w["colonies"]} | {w["status"]} | {w["reasons"]} | {count(found, 0.05, 1.5, 0.05, 0)} |')


def counted(wells, base, gate):
    print(f'\ncount rule (wells flagged {gate} counted max(count, spots)); within max(2, 25 %), main first')
    print('| scale | spacing | contrast | sigmas | with plaques (150) | Brisbane / IBV / PR8v with plaques | empty within 2 (63) |')
    print('|---|---|---|---|---|---|---|')
    print(f'| main | | | | {sum(b[1] for k, b in base.items() if k[1])} | '
          + ' / '.join(str(base[(v, True)][1]) for v in sp.VIRUSES['dev'])
          + f' | {sum(b[1] for k, b in base.items() if not k[1])} |')
    for s in SCALES:
        for sp_ in SPACINGS:
            for c in CONTRASTS:
                for k in SIGMAS:
                    tot = {}
                    for key, w, t, found in wells:
                        n = int(w['colonies'])
                        if gate in w['reasons']: n = max(n, count(found, s, sp_, c, k))
                        a = tot.setdefault((key[0], t > 0), [0, 0]); a[0] += 1; a[1] += within(n, t)
                    print(f'| {s} | {sp_} | {c} | {k} | {sum(a[1] for q, a in tot.items() if q[1])} | '
                          + ' / '.join(str(tot[(v, True)][1]) for v in sp.VIRUSES['dev'])
                          + f' | {sum(a[1] for q, a in tot.items() if not q[1])} |')


def status(wells):
    oks = [(w, t, found) for key, w, t, found in wells if w['status'] == 'ok']
    print(f'\nstatus rule (an ok well flagged when its spots >= A and >= B x count + 2; scale 0.05, spacing 1.5, sigmas 3); '
          f'ok wells {len(oks)}, wrong {sum(not within(int(w["colonies"]), t) for w, t, f in oks)}')
    print('| contrast | A | B | wrong ok caught | right ok lost |'); print('|---|---|---|---|---|')
    for c in CONTRASTS:
        for a_, b_ in [(3, 0), (3, 2), (5, 2), (3, 3)]:
            wr = rt = 0
            for w, t, found in oks:
                n, m = int(w['colonies']), count(found, 0.05, 1.5, c, 3)
                if m >= a_ and m >= b_ * n + (2 if b_ else 0):
                    if within(n, t): rt += 1
                    else: wr += 1
            print(f'| {c} | {a_} | {b_} | {wr} | {rt} |')


if __name__ == '__main__':
    if len(sys.argv) < 4 or sys.argv[3] != 'dev': sys.exit('usage: plaque_spots.py DATA OUT dev [--wells] (development only)')
    main(sys.argv[1], sys.argv[2], '--wells' in sys.argv)
