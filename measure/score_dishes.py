#!/usr/bin/env python3
"""score_dishes.py DATA OUT [OUT2 ...]: phone, webcam and high-resolution dish counts (run.sh's `dishes` set) against
the people's counts, per image and per part (development / held-out). Several OUTs (two builds) side by side.
Truth: cell_counting2's count.csv per dish; OpenCFU's results.csv, the median of the seven counters its benchmark
uses. Split (fixed before any tuning, by plate): see README.md."""
import csv, os, statistics, sys

HD = {'01': 'A', '03': 'C', '05': 'E', '08': 'H', '09': 'I', '10': 'J', '11': 'K', '14': 'N', '15': 'O', '19': 'S'}


def truths(data):
    """The people's count of each run of the set, by run name."""
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
    return truth


def part(n):
    if n.startswith('ph_'):
        if '_easy_' in n:
            return 'phone-dev' if int(n.split('_')[4]) <= 13 else 'phone-held'
        return 'phone-held' if '_raw_11_' in n else 'phone-dev'
    if n.startswith('wc_'):
        return 'webcam-dev' if n[3] <= 'J' else 'webcam-held'
    return 'hd-dev' if HD[n[-2:]] <= 'J' else 'hd-held'


def well(out, n):
    """The run's one wells.csv row (a dict), None when the run wrote nothing."""
    p = f'{out}/dishes/{n}/wells.csv'
    return next(csv.DictReader(open(p))) if os.path.exists(p) else None


def main(data, outs):
    truth = truths(data)
    errors = {}
    print('| image (part) | people | ' + ' | '.join(outs) + ' | status (last) |')
    print('|---' * (3 + len(outs)) + '|')
    for n in sorted(truth, key=lambda x: (part(x), x)):
        cells, status = [], 'no output'
        for o in outs:
            w = well(o, n)
            cells.append('-' if w is None else w['colonies'])
            if w is not None:
                status = w['status'] + (':' + w['reasons'] if w['reasons'] else '')
                errors.setdefault((part(n), o), []).append(100 * abs(int(w['colonies']) - truth[n]) / truth[n])
        print(f'| {n} ({part(n)}) | {truth[n]} | ' + ' | '.join(cells) + f' | {status} |')
    print()
    for (p, o), e in sorted(errors.items()):
        print(f'{p:12s} {o}: n={len(e):2d} median {statistics.median(e):6.2f} % mean {statistics.mean(e):6.1f} % '
              f'worst {max(e):6.1f} % over 20 %: {sum(x > 20 for x in e)}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
