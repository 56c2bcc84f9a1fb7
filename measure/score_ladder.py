#!/usr/bin/env python3
"""score_ladder.py OUT dev|held [-v]: GelGenie's NEB 1 kb Plus gels (run.sh's `ladder` set) against NEB's band
masses (docs/history/blots.md, 'Mass ladder'). Each detected band of a lane goes to the nearest hand-read band centre (rows,
read here; within 7 px; parts of a split band summed); per lane error = (volume / lane's scored volume) / (mass /
their mass) - 1; the 900-600 bp group runs together and is not scored. dev: ladder_reference_gel.tif, four identical
ladder lanes; held: overheated_ref.tif's lane 2."""
import csv, sys, statistics
SIZES = [10000, 8000, 6000, 5000, 4000, 3000, 2000, 1500, 1200, 1000, 500, 400, 300, 200, 100]
MASS = dict(zip(SIZES, [40, 40, 48, 40, 32, 120, 40, 57, 45, 122, 124, 49, 37, 32, 61]))
DEV = {1: [187,198,214,226,244,271,316,351,382,405,485,510,534,565,591], 2: [185,197,213,224,241,269,313,347,377,400,478,503,527,557,582],
       3: [184,195,211,223,240,267,311,345,375,398,476,500,524,553,578], 4: [184,196,212,224,241,268,312,347,377,400,478,502,526,556,579]}
HO = {2: [369,389,419,439,465,501,564,616]}
out, which = sys.argv[1], sys.argv[2]
d = f'{out}/ladder/{which}'
truth = DEV if which == 'dev' else HO
bands = [b for b in csv.DictReader(open(d + '/bands.csv')) if b['detected'] == 'true']
verbose = '-v' in sys.argv
vols = {}
for lane, cs in truth.items():
    v = {}
    for b in bands:
        if int(b['lane']) != lane: continue
        cy = int(b['y']) + (int(b['height']) - 1) / 2
        i = min(range(len(cs)), key=lambda i: abs(cs[i] - cy))
        if abs(cs[i] - cy) <= 7: v[SIZES[i]] = v.get(SIZES[i], 0) + float(b['volume'])
    vols[lane] = v
    tv = sum(v.values()); tm = sum(MASS[s] for s in v)
    err = {s: (v[s] / tv) / (MASS[s] / tm) - 1 for s in v}
    med = statistics.median(abs(e) for e in err.values()); w = max(err, key=lambda s: abs(err[s]))
    r = v.get(3000, 0) / v[1500] if 1500 in v else float('nan')
    print(f"lane {lane}: scored {len(v)}  median {100*med:.1f}%  within10 {sum(abs(e) <= 0.1 for e in err.values())}  worst {w} {100*err[w]:+.0f}%  3k/1.5k {r:.2f}")
    if verbose: print('   ' + ' '.join(f"{s}:{100*err[s]:+.0f}" for s in SIZES if s in err))
if which == 'dev':
    common = [s for s in SIZES if all(s in vols[l] for l in vols)]
    tot = {l: sum(vols[l][s] for s in common) for l in vols}; m = statistics.mean(tot.values())
    print(f"identical lanes ({len(common)} bands): totals " + ' / '.join(f"{100*(tot[l]/m-1):+.1f}" for l in sorted(tot)) + "%")
    dev = []; sh = []
    for s in common:
        xs = [vols[l][s] for l in vols]; mu = statistics.mean(xs); dev.append(max(abs(x / mu - 1) for x in xs))
        ys = [vols[l][s] / tot[l] for l in vols]; mu = statistics.mean(ys); sh.append(max(abs(y / mu - 1) for y in ys))
    print(f"  per band max dev: median {100*statistics.median(dev):.1f}%, within 3% {sum(x <= 0.03 for x in dev)} of {len(dev)};"
          f" share: median {100*statistics.median(sh):.1f}%, within 3% {sum(x <= 0.03 for x in sh)}")
