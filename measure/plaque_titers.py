#!/usr/bin/env python3
"""plaque_titers.py DATA OUT dev|held [--plates]: each 12-well plaque plate's titer as titers.csv gives it (Titer.perSample:
the `ok` wells pooled (wells `cleared`, too crowded, left out), sum of plaques over sum of stock plated, Poisson
agreement; `check` when a well is left out for another reason, none is left, the wells disagree or none holds 10 plaques) against the titer from the people's
counts of the wells they could count, pooled the same way. The photos carry no layout, so one is assumed: the three
rows are replicates of one sample, the four columns ten-fold dilutions (10^-1 ... 10^-4 of plate column 1 ... 4; the
factor cancels where the same columns are used, and only shifts how the columns weigh otherwise). Also the people's own
replicate wells' agreement (the p-values that chose Titer.DISAGREE). Needs numpy, PIL, scipy."""
import sys, math
from scipy.stats import chi2
from score_plaques import photos

DISAGREE = 0.01
FEW = 10


def pooled(wells):
    """(titer, p agreement) of [(count, stock plated)]; (nan, nan) when empty."""
    if not wells: return math.nan, math.nan
    c = sum(w[0] for w in wells); s = sum(w[1] for w in wells); t = c / s
    if len(wells) < 2: return t, math.nan
    if c == 0: return t, 1.0
    dev = sum(2 * ((k * math.log(k / (t * v)) if k > 0 else 0) - (k - t * v)) for k, v in wells)
    return t, chi2.sf(max(0, dev), len(wells) - 1)


def main(data, out, part, verbose):
    rows, reps = [], []
    for v, n, ws, ok, onp, truth in photos(data, out, part):
        if not ok: continue
        ours, people, doubtful = [], [], 0
        for w in ws:
            t, countable = truth[w['well']]
            stock = 10.0 ** -int(w['well'][1:]) * 0.1
            if countable: people.append((t, stock))
            cleared = 'cleared' in w['reasons'].split(';')
            if w['status'] == 'ok': ours.append((int(w['colonies']), stock))
            elif not cleared: doubtful += 1
        for col in '1234':
            c = [truth[r + col][0] for r in 'ABC' if truth[r + col][1]]
            if len(c) >= 2 and sum(c) > 0: reps.append(pooled([(k, 1) for k in c])[1])
        tp, pp = pooled(people); to, po = pooled(ours)
        few = max((w[0] for w in ours), default=0) < FEW
        status = 'check' if not ours or doubtful or few or (not math.isnan(po) and po < DISAGREE) else 'ok'
        rows.append((v, n, tp, pp, to, po, len(ours), len(people), status))
    ratio = lambda r: r[4] / r[2] if r[2] > 0 and not math.isnan(r[4]) else math.nan
    if verbose:
        print('| plate | people: titer (p) | ok wells: titer (p) | ok wells | ratio | status |'); print('|---|---|---|---|---|---|')
        for r in rows: print(f'| {r[0]} {r[1]} | {r[2]:.3g} ({r[3]:.2g}) | {r[4]:.3g} ({r[5]:.2g}) | {r[6]} | {ratio(r):.2f} | {r[8]} |')
    have = [r for r in rows if not math.isnan(r[4]) and r[2] > 0]
    within = [r for r in have if abs(ratio(r) - 1) <= 0.25]
    flagged = [r for r in have if not math.isnan(r[5]) and r[5] < DISAGREE]
    okay = [r for r in rows if r[8] == 'ok']
    wrong = [r for r in okay if not (r[2] > 0 and abs(ratio(r) - 1) <= 0.25) and not (r[2] == 0 and r[4] == 0)]
    print(f'plates {len(rows)}: a titer from ok wells on {len(have)}, within 25 % of the people\'s {len(within)}; '
          f'counts_disagree on {len(flagged)}; titer ok {len(okay)}, of them off by more than 25 % (or not 0 where the people saw none) {len(wrong)}')
    print(f'people\'s replicate wells (a column, with plaques): {len(reps)}, p < {DISAGREE}: {sum(p < DISAGREE for p in reps)}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], '--plates' in sys.argv)
