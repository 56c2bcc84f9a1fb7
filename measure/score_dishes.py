#!/usr/bin/env python3
"""score_dishes.py DATA OUT [OUT2 ...]: phone, webcam and high-resolution dish counts (run.sh's `dishes` set) against
the people's counts, per image and per part (development / held-out). Several OUTs (two builds) side by side.
Truth: cell_counting2's count.csv per dish; OpenCFU's results.csv, the median of the seven counters its benchmark
uses. Split (fixed before any tuning, by plate): see README.md."""
import csv, os, statistics, sys

data, outs = sys.argv[1], sys.argv[2:]
HD = {'01': 'A', '03': 'C', '05': 'E', '08': 'H', '09': 'I', '10': 'J', '11': 'K', '14': 'N', '15': 'O', '19': 'S'}
truth = {}
for root, _, files in os.walk(f'{data}/phone'):
    if 'count.csv' in files:
        c = int(open(f'{root}/count.csv').read().split()[0])
        for f in files:
            if f.endswith('.jpg'):
                truth['ph_' + os.path.relpath(f'{root}/{f[:-4]}', f'{data}/phone').replace('/', '_')] = c
for r in csv.DictReader(open(f'{data}/ocfu/figAccuracy/results.csv'), delimiter='\t'):
    truth['wc_' + r['plate']] = sorted(int(r[p]) for p in ['Louise', 'Pip', 'Jen', 'Becky', 'John', 'Helen', 'Dav'])[3]
for k, v in HD.items():
    truth['hd_q120404-' + k] = truth['wc_' + v]


def part(n):
    if n.startswith('ph_'):
        if '_easy_' in n:
            return 'phone-dev' if int(n.split('_')[4]) <= 13 else 'phone-held'
        return 'phone-held' if '_raw_11_' in n else 'phone-dev'
    if n.startswith('wc_'):
        return 'webcam-dev' if n[3] <= 'J' else 'webcam-held'
    return 'hd-dev' if HD[n[-2:]] <= 'J' else 'hd-held'


def count(out, n):
    p = f'{out}/dishes/{n}/wells.csv'
    if not os.path.exists(p):
        return None, 'no output'
    r = next(csv.DictReader(open(p)))
    return int(r['colonies']), r['status'] + (':' + r['reasons'] if r['reasons'] else '')


errors = {}
print('| image (part) | people | ' + ' | '.join(outs) + ' | status (last) |')
print('|---' * (3 + len(outs)) + '|')
for n in sorted(truth, key=lambda x: (part(x), x)):
    cells, status = [], ''
    for o in outs:
        c, status = count(o, n)
        cells.append('-' if c is None else str(c))
        if c is not None:
            errors.setdefault((part(n), o), []).append(100 * abs(c - truth[n]) / truth[n])
    print(f'| {n} ({part(n)}) | {truth[n]} | ' + ' | '.join(cells) + f' | {status} |')
print()
for (p, o), e in sorted(errors.items()):
    print(f'{p:12s} {o}: n={len(e):2d} median {statistics.median(e):6.2f} % mean {statistics.mean(e):6.1f} % '
          f'worst {max(e):6.1f} % over 20 %: {sum(x > 20 for x in e)}')
