#!/usr/bin/env python3
"""score_onepetri.py DATA OUT: the OnePetri phage-lawn photos (run.sh's `onepetri` set, both modes) against the
person's plaque count (first50/benchmark-manual.csv), per photo and part (splits/onepetri.txt). A lawn counted in
colonies mode should be flagged `lawn`; every wrong count should carry `check`."""
import csv, os, statistics, sys

MODES = ('plaques', 'colonies')


def splits():
    """development / held-out of each photo (the first 8 hex digits of its name)."""
    split = {}
    for line in open(f'{os.path.dirname(os.path.abspath(__file__))}/splits/onepetri.txt'):
        if not line.startswith('#') and line.strip():
            part, *ids = line.split()
            split.update({i: part for i in ids})
    return split


def manual(data):
    """The person's plaque count of each photo ('NA' or '' where none)."""
    return {r['ImageUUID'][:8]: r['PlaqueCount']
            for r in csv.DictReader(open(f'{data}/onepetri/benchmark-manual.csv', encoding='utf-8-sig'))}


def well(out, mode, i):
    """The run's one wells.csv row (a dict), None when the run wrote nothing."""
    p = f'{out}/onepetri/{mode}_{i}/wells.csv'
    return next(csv.DictReader(open(p))) if os.path.exists(p) else None


def main(data, out):
    split, person = splits(), manual(data)
    errors = {}
    print('| photo (part) | person | plaques mode | colonies mode |')
    print('|---|---|---|---|')
    for i in sorted(split, key=lambda i: (split[i], i)):
        cells = []
        for mode in MODES:
            w = well(out, mode, i)
            if w is None:
                cells.append('no output')
                continue
            c, t = int(w['colonies']), person.get(i, 'NA')
            e = '' if t in ('NA', '') else f' ({100 * (c - int(t)) / int(t):+.0f} %)'
            if e:
                errors.setdefault((split[i], mode), []).append((abs(c - int(t)) / int(t), w['status']))
            cells.append(f'{c}{e} {w["status"]}' + (f': {w["reasons"]}' if w['reasons'] else ''))
        print(f'| {i} ({split[i]}) | {person.get(i, "NA")} | ' + ' | '.join(cells) + ' |')
    print()
    for (part, mode), e in sorted(errors.items()):
        print(f'{part} {mode}: n={len(e)} median error {100 * statistics.median(x for x, _ in e):.0f} %, '
              f'within 25 %: {sum(x <= 0.25 for x, _ in e)}, off by more than 25 % and `ok`: {sum(x > 0.25 and s == "ok" for x, s in e)}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
