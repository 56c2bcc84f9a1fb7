#!/usr/bin/env python3
"""score_trust.py DATA OUT [--wells] [--reasons]: how often a well's `ok` is wrong (issue 19: a number the tool cannot stand behind
is flagged, never printed as if it were fine), per set and part, for every set of OUT with people's counts (dishes,
hd-shifted, counterculture, onepetri, plaques-dev, plaques-held). A count is right within the aim's tolerance: phone dishes 20 %,
webcam dishes max(10 %, 3), high-resolution dishes, CounterCulture (sorted pairing) and OnePetri (both modes; photos
with a person's count) 20 %, plaque wells max(2, 25 %) on countable wells; on a plaque photo whose grid is wrong every
well found counts as off. Per part: wells; `ok`, of them right and wrong (the sin: `ok and wrong`), the share `ok`
(flagging everything is no answer); `check`, of them off. --wells lists each well that is ok and wrong; --reasons adds
per reason the wells it flags and how many of them are off, development and held-out apart (a reason that flags
right counts only costs the user a look; one that never flags an off count tells nothing)."""
import os, sys

import score_counterculture, score_dishes, score_hd_shifted, score_onepetri, score_plaques

SHORT = {'development': 'dev', 'held-out': 'held'}


def right(part, c, t):
    if part.startswith('webcam'):
        return abs(c - t) <= max(0.1 * t, 3)
    if part.startswith('plaques'):
        return score_plaques.within(c, t)
    return abs(c - t) <= 0.2 * t


def wells(data, out):
    """(part, name, count, truth, status, reasons) of every scored well of OUT."""
    if os.path.isdir(f'{out}/dishes'):
        for n, t in score_dishes.truths(data).items():
            w = score_dishes.well(out, n)
            if w is not None:
                yield score_dishes.part(n), n, int(w['colonies']), t, w['status'], w['reasons']
    if os.path.isdir(f'{out}/hd-shifted'):
        for n, t in score_hd_shifted.truths(data).items():
            w = score_hd_shifted.well(out, n)
            if w is not None:
                yield score_hd_shifted.part(n[-2:]), n, int(w['colonies']), t, w['status'], w['reasons']
    if os.path.isdir(f'{out}/counterculture'):
        for photo in score_counterculture.PHOTOS:
            for p, c, d, status, reasons in score_counterculture.pairs(data, out, photo):
                yield 'counterculture-' + SHORT[score_counterculture.part(photo)], f'phone_{photo}_d{d}', c, p, status, reasons
    if os.path.isdir(f'{out}/onepetri'):
        person = score_onepetri.manual(data)
        for i, part in score_onepetri.splits().items():
            for mode in score_onepetri.MODES:
                w = score_onepetri.well(out, mode, i)
                if w is not None and person.get(i, 'NA') not in ('NA', ''):
                    yield f'onepetri-{mode}-{SHORT[part]}', f'{mode}_{i}', int(w['colonies']), int(person[i]), w['status'], w['reasons']
    for part in ('dev', 'held'):
        if not os.path.isdir(f'{out}/plaques-{part}'):
            continue
        for v, n, ws, grid, _, truth in score_plaques.photos(data, out, part):
            for w in ws or []:
                t, countable = truth[w['well']] if grid else (-1, True)
                if countable:
                    yield f'plaques-{part}', f'{v}_{n} {w["well"]}', int(w['colonies']), t, w['status'], w['reasons']


def main(data, out, verbose, by_reason):
    parts, flags = {}, {}
    for part, name, c, t, status, reasons in wells(data, out):
        for r in filter(None, reasons.split(';')):
            f = flags.setdefault(r, {})
            side = f.setdefault('held' if part.endswith('held') else 'dev', [0, 0, set()])
            side[0] += 1; side[1] += not (t >= 0 and right(part, c, t)); side[2].add(part.rsplit('-', 1)[0])
        ok, good = status == 'ok', t >= 0 and right(part, c, t)
        s = parts.setdefault(part, [0, 0, 0, 0, 0])
        s[0] += 1; s[1] += ok; s[2] += ok and good; s[3] += not ok; s[4] += not ok and not good
        if verbose and ok and not good:
            print(f'  ok and wrong: {part} {name} people {t} counted {c}')
    print('| set (part) | wells | ok | ok and right | **ok and wrong** | share ok | check | check and off |')
    print('|---|---|---|---|---|---|---|---|')
    for part, (n, ok, okr, chk, chkoff) in sorted(parts.items()):
        print(f'| {part} | {n} | {ok} | {okr} | **{ok - okr}** | {100 * ok / n:.0f} % | {chk} | {chkoff} |')
    if by_reason:
        cell = lambda f, k: f'{f[k][1]} / {f[k][0]}' if k in f else '-'
        print('\n| reason | development: off / flagged | held-out: off / flagged | sets |')
        print('|---|---|---|---|')
        for r, f in sorted(flags.items()):
            print(f"| `{r}` | {cell(f, 'dev')} | {cell(f, 'held')} | {', '.join(sorted(set().union(*(v[2] for v in f.values()))))} |")


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], '--wells' in sys.argv, '--reasons' in sys.argv)
