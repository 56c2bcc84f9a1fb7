#!/usr/bin/env python3
"""plaque_causes.py DATA OUT dev|held [--wells]: why the countable wells with plaques of the 12-well plaque plates
(run.sh's plaques-dev / plaques-held, scored as score_plaques.py) are off max(2, 25 %), sorted by cause from the
well's direction (low / high), its reasons in wells.csv and its people's count. The sort was checked against the
photos and overlays of the development wells in session 22 (docs/history/wells.md); on other photos it is a guess
from the reasons. Prints markdown: wells off per cause and photo source; --wells adds one row per well (development
only: a held-out part is read as numbers). Needs numpy and PIL (score_plaques.py's grid check)."""
import collections, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_plaques as sp  # noqa: E402

CAUSES = [  # (key, text), in the order the summary prints them
    ('faint', 'faint clearings missed (low)'),
    ('faint_peeled', 'faint clearings missed, and a peeled band left out (low)'),
    ('wall', 'plaques crowding the wall left out as a peeled band, the rest scaled (low)'),
    ('pieces_peeled', 'mottled plaques cut into pieces, scaled up from a peeled band (high)'),
    ('wall_low', 'plaques crowding the wall counted through their band (`wall_plaques`, session 24), low'),
    ('wall_high', 'plaques crowding the wall counted through their band (`wall_plaques`, session 24), high: pieces'),
    ('pieces', 'mottled plaques cut into pieces (high)'),
    ('crowded', 'crowded: the threshold at full scale, or 90+ plaques merged into clearings (low)'),
    ('uncounted', 'light spots the people did not count (high, PR8v)'),
    ('tip', 'a plaque by the wall taken with the tip mark (low, `ok`)'),
    ('other_low', 'other (low)'),
    ('other_high', 'other (high)'),
]


def cause(virus, people, counted, status, reasons):
    high = counted > people
    if 'threshold_at_full_scale' in reasons or (people >= 90 and 'peeled' not in reasons):
        return 'crowded'
    if virus == 'PR8v':  # its plaques are large, barely cleared rings in a 1200 x 1600 JPEG (sessions 14, 22)
        return 'uncounted' if high else ('faint_peeled' if 'peeled' in reasons else 'faint')
    if 'peeled' in reasons:
        return 'pieces_peeled' if high else 'wall'
    if 'wall_plaques' in reasons:
        return 'wall_high' if high else 'wall_low'
    if high:
        return 'pieces' if 'plaque_pieces' in reasons else 'other_high'
    return 'tip' if status == 'ok' and virus == 'IBV' else 'other_low'


def main(data, out, part, wells):
    rows = []
    for v, n, ws, ok, onp, truth in sp.photos(data, out, part):
        if not ok:
            continue
        for w in ws:
            t, countable = truth[w['well']]
            c = int(w['colonies'])
            if not countable or t == 0 or sp.within(c, t):
                continue
            rows.append((v, n, w['well'], t, c, w['status'], w['reasons'], cause(v, t, c, w['status'], w['reasons'])))
    viruses = sorted({r[0] for r in rows})
    per = collections.Counter((r[7], r[0]) for r in rows)
    print('| cause | wells off | ' + ' | '.join(viruses) + ' |')
    print('|---|---|' + '---|' * len(viruses))
    for key, text in CAUSES:
        k = sum(per[(key, v)] for v in viruses)
        if k:
            print(f'| {text} | {k} | ' + ' | '.join(str(per[(key, v)]) for v in viruses) + ' |')
    print(f'| all | {len(rows)} | ' + ' | '.join(str(sum(1 for r in rows if r[0] == v)) for v in viruses) + ' |')
    if wells:
        text = dict(CAUSES)
        print('\n| photo | well | people | counted | status | reasons | cause |\n|---|---|---|---|---|---|---|')
        for v, n, w, t, c, st, rs, k in rows:
            print(f'| {v} {n} | {w} | {t} | {c} | {st} | {rs} | {text[k]} |')


if __name__ == '__main__':
    a = [x for x in sys.argv[1:] if not x.startswith('--')]
    if len(a) != 3 or a[2] not in ('dev', 'held'):
        sys.exit(__doc__)
    main(a[0], a[1], a[2], '--wells' in sys.argv)
