#!/usr/bin/env python3
"""score_counterculture.py DATA OUT: CounterCulture's 15 phone dishes (run.sh's `counterculture` set) against the
person's count of each dish (initials DG). The repository does not say which dish of a photo is which plate, so each
photo's five counts are compared sorted (smallest with smallest: the pairing most favourable to the tool) and as the
photo's total. Split: photo 01 development, photos 02 and 03 held out."""
import csv, os, statistics, sys

data, out = sys.argv[1], sys.argv[2]
people = {}
for r in csv.DictReader(open(f'{data}/counterculture/manual-counts.csv', encoding='utf-8')):
    if r['Initials'] == 'DG' and r['Count'] != 'NA':
        people.setdefault(r['Volume (μl)'], []).append(int(r['Count']))
errors = {'development': [], 'held-out': []}
for photo, volume in {'01': '20', '02': '30', '03': '40'}.items():
    part = 'development' if photo == '01' else 'held-out'
    rows = []
    for d in range(1, 6):
        p = f'{out}/counterculture/phone_{photo}_d{d}/wells.csv'
        if not os.path.exists(p):
            sys.exit(f'error: {p}: no output (run.sh ... counterculture first)')
        w = next(csv.DictReader(open(p)))
        rows.append((int(w['colonies']), d, w['status'], w['reasons']))
    truth, tool = sorted(people[volume]), sorted(rows)
    total = sum(r[0] for r in rows)
    print(f'photo {photo} ({part}, {volume} ul): people {truth} total {sum(truth)}; tool total {total} '
          f'({100 * (total - sum(truth)) / sum(truth):+.1f} %)')
    for p, (c, d, status, reasons) in zip(truth, tool):
        e = 100 * (c - p) / p
        errors[part].append(abs(e))
        print(f'  dish {d}: tool {c:4d}  person (sorted) {p:4d}  {e:+6.1f} %  {status} {reasons}')
for part, e in errors.items():
    print(f'{part}: median {statistics.median(e):.1f} %, worst {max(e):.1f} %, within 20 %: {sum(x <= 20 for x in e)} of {len(e)}')
