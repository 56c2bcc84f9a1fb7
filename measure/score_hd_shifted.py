#!/usr/bin/env python3
"""score_hd_shifted.py DATA OUT [OUT2 ...]: the 9 high-resolution OpenCFU dishes of run.sh's `hd-shifted` set against the
people's counts, per image and per part. They are the plates whose figAccuracy/images TIFF the snapshot lacks (4 MiB and
more), taken from the paper's shifted copies (fetch.sh opencfu-shifted: the dish less its top and left 25 px, the grey band
cut off). Truth as score_dishes.py: the median of the seven counters of figAccuracy/results.csv. Split as the dishes set's
(by plate, fixed in session 9): plates B, D, F, G development, L, M, P, Q, R held out. Tolerance 20 % (the high-resolution
dishes'). Several OUTs (two builds) side by side."""
import csv, os, statistics, sys

import score_dishes

PLATES = {'02': 'B', '04': 'D', '06': 'F', '07': 'G', '12': 'L', '13': 'M', '16': 'P', '17': 'Q', '18': 'R'}


def part(q):
    return 'hd-shifted-dev' if PLATES[q] <= 'J' else 'hd-shifted-held'


def truths(data):
    """The people's count of each run of the set, by run name."""
    webcam = score_dishes.truths(data)
    return {f'hd_q120404-{q}': webcam['wc_' + p] for q, p in PLATES.items()}


def well(out, n):
    p = f'{out}/hd-shifted/{n}/wells.csv'
    return next(csv.DictReader(open(p))) if os.path.exists(p) else None


def main(data, outs):
    truth, errors = truths(data), {}
    print('| image (plate, part) | people | ' + ' | '.join(f'{o}: count (error)' for o in outs) + ' | status (last) |')
    print('|---' * (3 + len(outs)) + '|')
    for n in sorted(truth, key=lambda x: (part(x[-2:]), x)):
        q, cells, status = n[-2:], [], 'no output'
        for o in outs:
            w = well(o, n)
            if w is None:
                cells.append('-')
                continue
            c = int(w['colonies'])
            e = 100 * (c - truth[n]) / truth[n]
            cells.append(f'{c} ({e:+.1f} %)')
            status = w['status'] + (' (' + w['reasons'].replace(';', ', ') + ')' if w['reasons'] else '')
            errors.setdefault((part(q), o), []).append((abs(e), w['status']))
        print(f'| {n} ({PLATES[q]}, {part(q)[11:]}) | {truth[n]} | ' + ' | '.join(cells) + f' | {status} |')
    print()
    for (p, o), e in sorted(errors.items()):
        a = [x for x, _ in e]
        print(f'{p:16s} {o}: n={len(a)} median {statistics.median(a):5.1f} % worst {max(a):5.1f} % '
              f'within 10 %: {sum(x <= 10 for x in a)} within 20 %: {sum(x <= 20 for x in a)} '
              f'ok: {sum(s == "ok" for _, s in e)} ok and off > 20 %: {sum(s == "ok" and x > 20 for x, s in e)}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
