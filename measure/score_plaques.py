#!/usr/bin/env python3
"""score_plaques.py DATA OUT dev|held [--wells]: Colony_counter's 12-well plaque plates (run.sh's plaques-dev /
plaques-held sets) against the people's counts (data/dataset.csv). The grid is right when 12 wells are found and at
least 10 of their centres lie on purple monolayer (not on the lid, the ruler or the light box); a countable well is
right within max(2, 25 %) of the people's count (only on photos whose grid is right); a well the people could not
count is wrong when read `ok`. Development: Brisbane, IBV,
PR8v; held-out: PR8, Panama. Needs numpy and PIL."""
import csv, sys, os, glob
import numpy as np
from PIL import Image

VIRUSES = {'dev': ['Brisbane', 'IBV', 'PR8v'], 'held': ['PR8', 'Panama']}


def purple(img, x, y, rad):
    a=img[int(y-rad*0.3):int(y+rad*0.3), int(x-rad*0.3):int(x+rad*0.3)].reshape(-1,3).astype(float)
    if len(a)==0: return False
    r,g,b=np.median(a,axis=0)
    return (r+b)/2-g>25 and b>g+20   # crystal violet: green absorbed; lid/box/ruler grey-white


def within(c,t): return abs(c-t)<=max(2,0.25*t)


def photos(data, out, part):
    """Per photo of the part: (virus, plate, wells.csv rows or None when no output, grid right, wells on monolayer,
    truth) with truth[well] = (people's count, countable), the rows' wells named as the plate's (seen from below)."""
    D = data + '/plaque'
    truth = {}
    for r in csv.DictReader(open(D+'/data/dataset.csv')):
        truth.setdefault((r['plate_type'],r['plate_id'][5:]), {})[r['well']]=(int(r['value']),r['is_countable']=='1')
    for v in VIRUSES[part]:
        for f in sorted(glob.glob(f'{D}/data/raw/{v}/Plate_*.jp*g'), key=lambda p:int(p.split('_')[-1].split('.')[0])):
            n=int(f.split('_')[-1].split('.')[0])
            p=f'{out}/plaques-{part}/{v}_{n}/wells.csv'
            if not os.path.exists(p):
                yield v, n, None, False, 0, truth[(v,str(n))]; continue
            ws=list(csv.DictReader(open(p)))
            img=np.asarray(Image.open(f).convert('RGB'))
            onp=sum(purple(img,float(w['x']),float(w['y']),float(w['radius'])) for w in ws)
            ok=len(ws)==12 and onp>=10
            if ok and any(w['well'][0]=='D' for w in ws):
                # turned by 90 degrees (seen from below): image rows A-D are plate columns 1-4, label digits 3, 2, 1 plate rows A, B, C
                for w in ws: w['well']='ABC'[3-int(w['well'][1:])]+str('ABCD'.index(w['well'][0])+1)
            yield v, n, ws, ok, onp, truth[(v,str(n))]


def analysed(data, out, part):
    """Per photo of the part whose grid is right: (virus, plate, wells.csv rows, truth, image) with the image the run's
    analysed channel as floats, plaques light (a dark-stain run's channel inverted)."""
    for v, n, ws, ok, onp, truth in photos(data, out, part):
        if not ok: continue
        f = glob.glob(f'{data}/plaque/data/raw/{v}/Plate_{n}.jp*g')[0]
        run = dict(csv.reader(open(f'{out}/plaques-{part}/{v}_{n}/run.csv')))
        img = np.asarray(Image.open(f).convert('RGB'))[:, :, CHANNELS.get(run.get('result.channel'), 1)].astype(float)
        if run.get('result.polarity') == 'dark_stain': img = 255 - img
        yield v, n, ws, truth, img


CHANNELS = {'red': 0, 'green': 1, 'blue': 2}


def main(data, out, part, verbose):
    tot={}; rows=[]
    def add(k,c,t):
        s=tot.setdefault(k,[0,0,0,0]); s[0]+=1; s[1]+=within(c,t); s[2]+=t; s[3]+=c
    grids=0; count=0; unc=[0,0]
    for v, n, ws, ok, onp, truth in photos(data, out, part):
        count+=1; grids+=ok
        if ws is None: rows.append((v,n,'ERR')); continue
        if not ok: rows.append((v,n,f'wrong grid ({len(ws)} wells, {onp} on monolayer)')); continue
        cw=[0,0,0,0]
        for w in ws:
            t,cnt=truth[w['well']]
            if not cnt:
                # the people could not count it (plaques grown together, a lysed monolayer): any count read ok is wrong
                unc[0]+=1; unc[1]+=w['status']=='ok'
                if verbose: print(f'  {v} {n} {w["well"]} people uncountable counted {w["colonies"]} {w["status"]} {w["reasons"]}')
                continue
            c=int(w['colonies']); st=w['status']
            add('all',c,t); add(v+(' with plaques' if t>0 else ' empty'),c,t); add('empty' if t==0 else 'with plaques',c,t)
            add('ok' if st=='ok' else 'check',c,t)
            cw[0]+=1; cw[1]+=within(c,t); cw[2]+=t; cw[3]+=c
            if verbose: print(f'  {v} {n} {w["well"]} people {t} counted {c} {st} {w["reasons"]} {"IN" if within(c,t) else ""}')
        rows.append((v,n,f'ok | {cw[0]} | {cw[1]} | {cw[2]} / {cw[3]}'))
    print('| photo | grid | countable wells | within | plaques people / counted |'); print('|---|---|---|---|---|')
    for v,n,s in rows: print(f'| {v} {n} | {s} |')
    print(f'grids right {grids} / {count}')
    for k,s in sorted(tot.items()): print(f'{k:24s} wells {s[0]:3d} within {s[1]:3d} ({100*s[1]/max(1,s[0]):.0f} %) plaques people {s[2]} counted {s[3]}')
    print(f'uncountable wells (the people: too many to count) {unc[0]}, read ok {unc[1]} (an ok count there is wrong)')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != '--wells' else 'dev', '--wells' in sys.argv)
