#!/usr/bin/env python3
"""ladder_small_bands.py DATA OUT: why the 200 and 100 bp bands of the development ladder gel read low (docs/history/blots.md,
'Mass ladder', session 19). Development only (ladder_reference_gel.tif after `run.sh JAR DATA OUT ladder`). Each lane's
row profile over its bands' columns (the median box of bands.csv) is integrated band by band under other windows and
other backgrounds than the tool's, and scored as score_ladder.py scores bands.csv (share of the 15 scored bands against
NEB's mass share). If a box too tight for these broad bands were the cause, wider windows would close the deficit; if
the background under them were too high, a lower level that the gel itself shows would; if neither, the gel gives less
signal per ng there. Also: the signal per ng of each band against the 10 kb - 1.0 kb bands', and the mass balance (every
pixel from above 10 kb to 40 rows under 100 bp, split at the 300/200 bp valley: no window at all). Needs numpy, PIL, scipy."""
import csv, statistics, sys
import numpy as np
from PIL import Image
from scipy.ndimage import grey_opening, uniform_filter1d

data, out = sys.argv[1], sys.argv[2]
img = np.array(Image.open(f'{data}/gelgenie/python-gelgenie/paper_figure_generation/early_attempts_at_band_data_analysis/'
                          'ref_data/ladder_reference_gel.tif')).astype(float)
SIZES = [10000, 8000, 6000, 5000, 4000, 3000, 2000, 1500, 1200, 1000, 500, 400, 300, 200, 100]
MASS = dict(zip(SIZES, [40, 40, 48, 40, 32, 120, 40, 57, 45, 122, 124, 49, 37, 32, 61]))
CENTRES = {1: [187, 198, 214, 226, 244, 271, 316, 351, 382, 405, 485, 510, 534, 565, 591],  # as score_ladder.py
           2: [185, 197, 213, 224, 241, 269, 313, 347, 377, 400, 478, 503, 527, 557, 582],
           3: [184, 195, 211, 223, 240, 267, 311, 345, 375, 398, 476, 500, 524, 553, 578],
           4: [184, 196, 212, 224, 241, 268, 312, 347, 377, 400, 478, 502, 526, 556, 579]}
OFF_GEL = float(np.median(img[:, 20:240]))  # the dark frame left of the gel (the gel starts near x 260)
bands = [b for b in csv.DictReader(open(f'{out}/ladder/dev/bands.csv')) if b['detected'] == 'true']


def nearest(cs, b):
    cy = int(b['y']) + (int(b['height']) - 1) / 2
    i = min(range(len(cs)), key=lambda i: abs(cs[i] - cy))
    return SIZES[i] if abs(cs[i] - cy) <= 7 else None


def errors(v):
    tv, tm = sum(v.values()), sum(MASS[s] for s in v)
    return {s: (v[s] / tv) / (MASS[s] / tm) - 1 for s in v}


table, notes = {}, []
for lane, cs in CENTRES.items():
    own = [b for b in bands if int(b['lane']) == lane]
    x0, w = (int(np.median([int(b[k]) for b in own])) for k in ('x', 'width'))
    cols = lambda d: img[:, x0 - d:x0 + w + d].sum(1)
    p = cols(0)
    beside = uniform_filter1d(np.median(np.concatenate([img[:, x0 - 30:x0 - 8], img[:, x0 + w + 8:x0 + w + 30]], 1), 1), 11)
    floor = (p[600:650] / w).min()  # the lane's own level under its last band
    cut = [cs[i] + 1 + int(np.argmin(p[cs[i] + 1:cs[i + 1]])) for i in range(len(cs) - 1)]  # valleys between centres

    def window(i, tail=0):  # rows of band i between the valleys; the ends and the 900-600 bp group's sides mirrored
        top = cut[i - 1] if i else 2 * cs[0] - cut[0]
        bottom = cut[i] - 1 if i < len(cs) - 1 else 2 * cs[-1] - cut[-1] + tail
        if SIZES[i] == 1000: bottom = min(bottom, 2 * cs[i] - top)
        if SIZES[i] == 500: top = max(top, 2 * cs[i] - cut[i])
        return top, bottom

    def integrate(level, tail=0, d=0, rows=None):  # level(y, top, bottom): background per pixel
        q = cols(d) if d else p
        v = {}
        for i, s in enumerate(SIZES):
            t, e = rows(i) if rows and s in (200, 100) else window(i, tail if s == 100 else 0)
            v[s] = float(sum(q[y] - (w + 2 * d) * level(y, t, e) for y in range(t, e + 1)))
        return v

    tool, ring = {}, {}
    for b in own:
        s = nearest(cs, b)
        if s is None: continue
        tool[s] = tool.get(s, 0) + float(b['volume'])
        ring[s] = float(b['background']) / (int(b['width']) * int(b['height']))
    ring.setdefault(200, ring[100])  # lane 1: no 200 bp box
    at = lambda t, e: SIZES[min(range(len(cs)), key=lambda i: abs(cs[i] - (t + e) / 2))]
    v = {'the tool (bands.csv)': tool,
         'valleys, the tool\'s ring level': integrate(lambda y, t, e: ring[at(t, e)]),
         'valleys, beside the lane per row': integrate(lambda y, t, e: beside[y]),
         'valleys, the lane\'s floor under 100 bp': integrate(lambda y, t, e: floor),
         f'valleys, off the gel ({OFF_GEL:.0f})': integrate(lambda y, t, e: OFF_GEL),
         'valleys, linear baseline valley to valley': integrate(lambda y, t, e: (p[t] + (p[e] - p[t]) * (y - t) / max(1, e - t)) / w)}
    for r in (15, 30, 60):
        opened = grey_opening(p / w, size=2 * r + 1)
        v[f'valleys, rolling (flat) r={r}'] = integrate(lambda y, t, e, o=opened: o[y])
    for tail in (10, 40):
        v[f'valleys, beside, 100 bp +{tail} rows under'] = integrate(lambda y, t, e: beside[y], tail=tail)
    for d in (10, 25):
        v[f'valleys, beside, columns +-{d} px'] = integrate(lambda y, t, e: beside[y], d=d)
    for h in (6, 9, 12, 15):
        v[f'200/100 bp: centre +-{h} rows, beside'] = integrate(lambda y, t, e: beside[y], rows=lambda i, h=h: (cs[i] - h, cs[i] + h))
    for name, vol in v.items():
        err = errors(vol)
        table.setdefault(name, []).append((err.get(200), err.get(100), statistics.median(abs(x) for x in err.values())))
    vb = v['valleys, beside the lane per row']
    k = sum(vb[s] for s in SIZES[:10]) / sum(MASS[s] for s in SIZES[:10])
    notes.append(f'lane {lane}: signal per ng against the 10-1.0 kb bands\': '
                 + ' '.join(f'{s}:{100 * (vb[s] / MASS[s] / k - 1):+.0f}' for s in SIZES))
    for name, level in (('beside', lambda y: beside[y]), ('floor', lambda y: floor), ('off gel', lambda y: OFF_GEL)):
        up = sum(p[y] - w * level(y) for y in range(cs[0] - 15, cut[SIZES.index(300)]))
        lo = sum(p[y] - w * level(y) for y in range(cut[SIZES.index(300)], cs[-1] + 41))
        notes.append(f'lane {lane}: mass balance, {name}: 200 + 100 bp hold {100 * (lo / (up + lo) / (93 / 1002) - 1):+.0f}% '
                     'of their mass share of the whole ladder (1002 ng)')
pct = lambda x: '-' if x is None else f'{100 * x:+.0f}'
print('| variant | 200 bp, lanes 1 / 2 / 3 / 4 | 100 bp | median abs. error of the 15 bands |\n|---|---|---|---|')
for name, rows in table.items():
    print(f'| {name} | ' + ' / '.join(pct(r[0]) for r in rows) + ' | ' + ' / '.join(pct(r[1]) for r in rows)
          + ' | ' + ' / '.join(f'{100 * r[2]:.1f}' for r in rows) + ' |')
print('\n'.join(notes))
