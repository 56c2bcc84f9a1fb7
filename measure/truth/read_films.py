#!/usr/bin/env python3
"""read_films.py FILMS TSV [OVERLAYS]: how measure/truth/films.tsv was read (session 17) from the film scans
as fetch.sh lays them out (FILMS = DATA/films/Proof of Concept/images_original). What is judged by eye is
written here (the regions below, read from PNG crops); the coordinates come from the pixels: luminance
0.299 R + 0.587 G + 0.114 B, as AssayQuant converts RGB.
- band: a band region holding n bands side by side (or the cuts between them, read by eye) is cut at the column
  minima of its darkness; each band's box is its largest component darker than 150 (the docs' 128-150), or for a
  faint band (darkest pixel lighter than 100) half-way from the region's base (90th percentile) to that pixel;
  black = the box holds a pixel of luminance <= 2 (the film's black).
- writing: components darker than 140 or coloured (RGB max - min > 60: pen), outside the band and `other`
  regions, grouped into words (dilated 6 px), at least 40 px; each named by eye (note).
- other: film that is neither a scored band nor writing (smears without band truth, faint rows not read, bands
  of another blot cut by the film's edge, the film's corners): a box there is neither found nor on writing.
- lane: a lane's centre x (x0 = x1) over rows y0-y1: the band's centre, or read by eye on the smears.
Needs numpy, scipy and PIL. Nothing of the images is kept (no licence: measurement only).
"""
import os, sys
import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage as nd

HEADER = "# image\tpart\tkind\tx0\ty0\tx1\ty1\tblack\tnote (read by measure/truth/read_films.py; corners inclusive)\n"
E, J = "_Western Blots_Elias et al/", "Western Blot/"
SPEC = {}
SPEC[E+"GAPDH blot rep 1, 2, 3.tif"]=dict(part='dev',groups=[(40,440,220,470,4),(288,430,470,465,4),(612,420,787,450,4)],
  other=[(40,740,230,775,"bands of another blot cut by the film's lower edge")], lanes_from_bands=True)
SPEC[E+"FLG blot rep 1, 2, 3.tif"]=dict(part='dev',
  other=[(120,0,800,12,"bands of another blot cut by the film's upper edge"),(75,266,255,478,"smears of replicate 1 (no band truth)"),
         (320,266,497,472,"smears of replicate 2 (no band truth)"),(570,283,757,494,"smears of replicate 3 (no band truth)")],
  lanes=[(x,270,490) for x in (99,139,181,225,347,391,433,471,598,646,683,724)])
SPEC[E+"FLG blot rep 4, 5.tif"]=dict(part='dev',
  other=[(585,198,952,452,"smears of replicates 4 and 5 (no band truth)")],
  lanes=[(x,200,450) for x in (617,655,693,733,807,846,886,925)])
for j in ("SCC25DDP BMI1","SCC25DDP GAPDH","TSCCADDP BMI1","TSCCADDP GAPDH"):
    SPEC[J+j+".jpg"]=dict(part='dev',lanes_from_bands=True)
SPEC[J+"SCC25DDP BMI1.jpg"]['groups']=[(125,240,250,272,4)]
SPEC[J+"SCC25DDP GAPDH.jpg"]['groups']=[(182,250,308,278,4)]
SPEC[J+"TSCCADDP BMI1.jpg"]['groups']=[(138,208,266,240,4)]
SPEC[J+"TSCCADDP GAPDH.jpg"]['groups']=[(134,250,258,278,4)]
SPEC[E+"GAPDH blot rep 4, 5.tif"]=dict(part='held',groups=[(195,430,395,475,4),(420,440,630,480,4)],
  other=[(195,335,640,372,"a faint upper row (not read)")], lanes_from_bands=True)
SPEC[E+"GAPDH blot rep 6,7,8.tif"]=dict(part='held',groups=[(396,475,895,530,[445,487,532,577,620,665,710,752,797,845])],
  other=[(400,318,900,420,"faint rows below the redaction box (not read)")], lanes_from_bands=True)
SPEC[E+"FLG blot rep 6, 7, 8.tif"]=dict(part='held',
  other=[(126,468,628,732,"smears of replicates 6-8 (no band truth)")],
  lanes=[(x,470,730) for x in (148,194,238,285,332,376,422,467,511,557,598)])
for s in SPEC.values(): s.setdefault('word',6)
SPEC[E+"FLG blot rep 1, 2, 3.tif"]['edges']=[(0,980,70,1025,"the film's corner")]
SPEC[E+"FLG blot rep 4, 5.tif"]['edges']=[(1390,670,1430,710,"the film's corner")]
SPEC[E+"GAPDH blot rep 4, 5.tif"]['wnotes']=[(200,20,680,100,"black marker"),(770,610,850,680,"black marker")]
SPEC[E+"GAPDH blot rep 6,7,8.tif"]['edges']=[(0,0,50,55,"the film's corner"),(0,775,25,810,"the film's corner")]
SPEC[E+"GAPDH blot rep 6,7,8.tif"]['wnotes']=[(360,140,935,320,"a pasted redaction box"),(280,240,399,720,"black marker: MW numbers and ticks"),
  (15,530,110,790,"the film maker's ruler print"),(395,528,885,580,"pasted brackets")]
SPEC[E+"FLG blot rep 6, 7, 8.tif"]['wnotes']=[(60,500,130,740,"black marker ticks"),(95,765,615,820,"pasted brackets")]


def split(L, x0,y0,x1,y1, n, thr=150, smooth=3):
    """n bands side by side in a region: cut at the n-1 deepest column minima of the darkness profile (at least
    half a pitch apart); each band's box = its largest component darker than thr (a band whose darkest pixel is
    lighter than 100: half-way from the region's base to that pixel)"""
    r=L[y0:y1+1,x0:x1+1]
    base=float(np.percentile(r,90))
    d=nd.uniform_filter1d(np.clip(base-r,0,None).sum(0),smooth)
    cols=np.nonzero(d>0.1*d.max())[0]; c0,c1=cols[0],cols[-1]
    cuts = []
    if isinstance(n, (list, tuple)):  # cuts read by eye, each moved to the darkness minimum within 6 px
        cuts = [c - x0 - 6 + int(np.argmin(d[c - x0 - 6:c - x0 + 7])) for c in n]; n = len(n) + 1
    w=(c1-c0+1)/n
    mins=[i for i in range(c0+1,c1) if d[i]<=d[i-1] and d[i]<=d[i+1]]
    for i in sorted(mins,key=lambda i:d[i]):
        if len(cuts)==n-1: break
        if all(abs(i-c)>=0.5*w for c in cuts) and i-c0>=0.5*w and c1-i>=0.5*w: cuts.append(i)
    edges=[c0]+sorted(cuts)+[c1+1]
    out=[]
    for a,b in zip(edges[:-1],edges[1:]):
        seg=r[:,a:b]; t=thr if seg.min()<100 else (base+seg.min())/2
        m=seg<t
        lab,nn=nd.label(m)
        if nn==0: continue
        sizes=nd.sum(m,lab,range(1,nn+1)); big=np.argmax(sizes)+1
        ys,xs=np.nonzero(lab==big)
        bx=(x0+a+xs.min(), y0+ys.min(), x0+a+xs.max(), y0+ys.max())
        sub=L[bx[1]:bx[3]+1,bx[0]:bx[2]+1]
        out.append((bx, int((sub<=2).sum()), float(sub.min())))
    return out


def load(f):
    a = np.array(Image.open(os.path.join(ROOT, f))).astype(float)
    L = 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]
    ch = a[..., :3].max(2) - a[..., :3].min(2)
    al = a[..., 3] if a.shape[2] == 4 else np.full(L.shape, 255.)
    return a, L, ch, al


def inside(b, r): return r[0] <= b[0] and r[1] <= b[1] and b[2] <= r[2] and b[3] <= r[3]


ROOT = sys.argv[1]
rows=[]
for img,s in SPEC.items():
    a,L,ch,al=load(img)
    bands=[]
    for (x0,y0,x1,y1,n) in s.get('groups',[]):
        for bx,blk,mn in split(L,x0,y0,x1,y1,n):
            bands.append((bx,blk,mn))
    for bx,blk,mn in bands:
        rows.append((img,s['part'],'band',*bx,'yes' if blk else 'no','darkest %d, %d px <= 2' % (mn, blk)))
    for (x0,y0,x1,y1,note) in s.get('other',[]):
        rows.append((img,s['part'],'other',x0,y0,x1,y1,'-',note))
    # writing: dark or coloured components outside bands, band groups and other regions, grouped into words
    m=((L<140)|(ch>60))&(al>0)
    for (x0,y0,x1,y1,*_) in s.get('groups',[])+s.get('other',[])+s.get('notwriting',[]):
        m[y0:y1+1,x0:x1+1]=False
    lab,n=nd.label(nd.binary_dilation(m,iterations=s.get('word',4)))
    for i,sl in enumerate(nd.find_objects(lab)):
        k=(lab[sl]==i+1)&m[sl]
        if k.sum()<s.get('minpx',40): continue
        ys,xs=np.nonzero(k)
        bx=(sl[1].start+xs.min(),sl[0].start+ys.min(),sl[1].start+xs.max(),sl[0].start+ys.max())
        edge=[r[4] for r in s.get('edges',[]) if inside(bx,r)]
        if edge:
            rows.append((img,s['part'],'other',*bx,'-',edge[0])); continue
        note=[r[4] for r in s.get('wnotes',[]) if inside(bx,r)]
        note=note[0] if note else ('blue pen' if np.median(ch[sl][k])>60 else 'typed label')
        rows.append((img,s['part'],'writing',*bx,'-',note))
    for (cx,y0,y1) in s.get('lanes',[]):
        rows.append((img,s['part'],'lane',cx,y0,cx,y1,'-',''))
    if s.get('lanes_from_bands'):
        for bx,blk,mn in bands:
            rows.append((img,s['part'],'lane',(bx[0]+bx[2])//2,bx[1],(bx[0]+bx[2])//2,bx[3],'-','band centre'))
    # overlay for checking the reading
    im=Image.fromarray(a[...,:3].astype(np.uint8)).convert('RGB'); d=ImageDraw.Draw(im)
    col={'band':(255,0,0),'writing':(0,160,0),'other':(255,140,0),'lane':(160,0,200)}
    for r in rows:
        if r[0]!=img: continue
        d.rectangle(r[3:7],outline=col[r[2]])
    if len(sys.argv) > 3: im.save(os.path.join(sys.argv[3], 'ov_'+img.split('/')[-1].rsplit('.',1)[0].replace(' ','_').replace(',','')+'.png'))
with open(sys.argv[2], 'w') as f:
    f.write(HEADER)
    for r in rows: f.write('\t'.join(map(str,r))+'\n')
