#!/usr/bin/env python3
"""score_gelquant.py DATA OUT: the Coomassie gel of gelquant (Harman et al., eLife 2020: two proteins, a and b, digested
by a protease for 0, 1, 2, 5 and 30 min, five lanes each, on two gels) against the authors' own densities
(a_data.json, b_data.json): each lane's stain inside their window (main band and its fragments), relative to the 0-min
lane of its crop, measured with their gelquant on their crops (crop_gelquant.py). For each run of run.sh's `gelquant`
set and each crop: the volumes of every box (detected or placeholder) whose centre lies in one of the crop's five equal
lane slots and inside the window, summed per lane, relative to lane 1. A ratio is flagged when a box of its lane or of
lane 1 is not `ok`, or its lane has none; r is Pearson's over the five lanes. Also, for the `lanes=5` runs of the crops,
the rule of docs/history/blots.md's first table (session 5): the band row of largest total volume, r over its 5 lanes.
Split (session 5): protein a (crops a1, a2 = the notebook's 1, 2) development, protein b (b1, b2 = 3, 4) held out;
every crop has been looked at since (not blind)."""
import csv, json, os, statistics, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crop_gelquant import CROPS

RUNS = ['whole-auto', 'whole-15'] + [f'crop-{c}-{k}' for c in CROPS for k in ('auto', '5')]


def truth(data, crop):
    name, first = CROPS[crop][2]
    values = json.load(open(f'{data}/gelquant/{name}'))['value']
    return [values[str(first + i)] for i in range(5)]


def lane_sums(bands_csv, crop, offset):
    """Per lane slot of the crop: the summed volume of the boxes centred in it and in the window, and their reasons."""
    (x0, y0, x1, y1), (w0, w1), _ = CROPS[crop]
    slot = (x1 - x0) / 5
    sums, flags = [0.0] * 5, [[] for _ in range(5)]
    for b in csv.DictReader(open(bands_csv)):
        cx = int(b['x']) + int(b['width']) / 2 + offset[0]
        cy = int(b['y']) + int(b['height']) / 2 + offset[1]
        if y0 + w0 <= cy < y0 + w1 and x0 <= cx < x1:
            i = int((cx - x0) // slot)
            sums[i] += float(b['volume'])
            if b['status'] != 'ok':
                flags[i].append(b['reasons'] or b['status'])
    return sums, flags


def pearson(x, y):
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx, syy = sum((a - mx) ** 2 for a in x), sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5 if sxx > 0 and syy > 0 else float('nan')


def largest_row(bands_csv):
    """Session 5's rule: the volumes of lanes 1-5 in the band row of largest total volume."""
    rows = {}
    for b in csv.DictReader(open(bands_csv)):
        rows.setdefault(b['row'], {})[int(b['lane'])] = float(b['volume'])
    row = max(rows.values(), key=lambda r: sum(r.values()))
    return [row.get(i, 0.0) for i in range(1, 6)]


def main(data, out):
    summary, missed = {}, {}
    print('run | crop | authors, lanes 2-5 / lane 1 | AssayQuant | error | reasons of boxes not ok')
    for run in RUNS:
        bands = f'{out}/gelquant/{run}/bands.csv'
        if not os.path.exists(bands):
            sys.exit(f'error: {bands}: no output (run.sh ... gelquant first)')
        for crop in CROPS:
            if run.startswith('crop-') and run.split('-')[1] != crop:
                continue
            offset = CROPS[crop][0][:2] if run.startswith('crop-') else (0, 0)
            t = truth(data, crop)
            s, flags = lane_sums(bands, crop, offset)
            if run.endswith('-5'):
                v = largest_row(bands)
                print(f'{run} | {crop} | session 5 rule: largest row ' + ' '.join(f'{x / v[0]:.2f}' for x in v)
                      + f', r {pearson(v, t):.2f}')
            part = 'development' if crop.startswith('a') else 'held-out'
            key = (run.split('-')[0] + '-' + run.split('-')[-1], part)
            if s[0] <= 0:
                missed[key] = missed.get(key, 0) + 4
                print(f'{run} | {crop} | no box in lane 1\'s window: 4 ratios not measured'); continue
            r = [v / s[0] for v in s]
            err = [r[i] / t[i] - 1 for i in range(1, 5)]
            flagged = [bool(flags[0] or flags[i] or s[i] == 0) for i in range(1, 5)]
            summary.setdefault(key, []).extend(zip(err, flagged))
            print(f'{run} | {crop} | ' + ' '.join(f'{v:.3f}' for v in t[1:]) + ' | ' + ' '.join(f'{v:.3f}' for v in r[1:])
                  + f' (r {pearson(r, t):.2f}) | ' + ' '.join(f'{e:+.0%}' for e in err) + ' | '
                  + '; '.join(f'L{i + 1}: {",".join(f)}' for i, f in enumerate(flags) if f))
    for key in sorted(set(summary) | set(missed)):
        e = summary.get(key, [])
        a = sorted(abs(x) for x, _ in e)
        measured = (f'median abs error {statistics.median(a):.0%}, worst {a[-1]:.0%}, within 20 % '
                    f'{sum(x <= 0.2 for x in a)}, ' if a else '')
        print(f'{key[0]} {key[1]}: {len(a)} ratios measured, {missed.get(key, 0)} not, {measured}'
              f'unflagged {sum(not f for _, f in e)}, unflagged and off > 20 % {sum(abs(x) > 0.2 and not f for x, f in e)}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
