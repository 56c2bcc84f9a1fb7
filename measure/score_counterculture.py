#!/usr/bin/env python3
"""score_counterculture.py DATA OUT: CounterCulture's 15 phone dishes (run.sh's `counterculture` set) against the
person's count of each dish (initials DG). The repository does not say which dish of a photo is which plate, so each
photo's five counts are compared sorted (smallest with smallest: the pairing most favourable to the tool) and as the
photo's total. Split: photo 01 development, photos 02 and 03 held out."""
import csv, os, statistics, sys

PHOTOS = {'01': '20', '02': '30', '03': '40'}  # photo: the volume plated (the manual counts' key)


def part(photo):
    return 'development' if photo == '01' else 'held-out'


def pairs(data, out, photo):
    """The photo's dishes, sorted by count and paired with the person's sorted counts: (person, count, dish, status, reasons)."""
    people = sorted(int(r['Count']) for r in csv.DictReader(open(f'{data}/counterculture/manual-counts.csv', encoding='utf-8'))
                    if r['Initials'] == 'DG' and r['Count'] != 'NA' and r['Volume (μl)'] == PHOTOS[photo])
    rows = []
    for d in range(1, 6):
        p = f'{out}/counterculture/phone_{photo}_d{d}/wells.csv'
        if not os.path.exists(p):
            sys.exit(f'error: {p}: no output (run.sh ... counterculture first)')
        w = next(csv.DictReader(open(p)))
        rows.append((int(w['colonies']), d, w['status'], w['reasons']))
    return [(p, *r) for p, r in zip(people, sorted(rows))]


def main(data, out):
    errors = {'development': [], 'held-out': []}
    for photo, volume in PHOTOS.items():
        ps = pairs(data, out, photo)
        truth, total = sum(p[0] for p in ps), sum(p[1] for p in ps)
        print(f'photo {photo} ({part(photo)}, {volume} ul): people {[p[0] for p in ps]} total {truth}; tool total {total} '
              f'({100 * (total - truth) / truth:+.1f} %)')
        for p, c, d, status, reasons in ps:
            e = 100 * (c - p) / p
            errors[part(photo)].append(abs(e))
            print(f'  dish {d}: tool {c:4d}  person (sorted) {p:4d}  {e:+6.1f} %  {status} {reasons}')
    for part_, e in errors.items():
        print(f'{part_}: median {statistics.median(e):.1f} %, worst {max(e):.1f} %, within 20 %: {sum(x <= 20 for x in e)} of {len(e)}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
