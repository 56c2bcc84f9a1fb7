#!/usr/bin/env python3
"""augment.py [--held] DATA AUGDATA [AUG...]: athenaz2's development blots (B1AR, B2AR) transformed as labs' images plausibly
differ, each with its lab boxes (.stp) transformed the same way, laid out as DATA is: AUGDATA/<AUG>/ath/...  so that
`run.sh JAR AUGDATA/<AUG> OUT/<AUG> athenaz2-dev` and `score_athenaz2.py AUGDATA/<AUG> OUT/<AUG> dev` run unchanged
(`score_athenaz2.py DATA OUT aug AUGDATA` compares them with the unaugmented run). Needs numpy, PIL and scipy
(Debian: python3-numpy python3-pil python3-scipy). Session 16 (docs/history/blots.md) chose the augmentations:
  flip     mirrored left-right (lane order reversed)
  exp05    values x 0.5            exp2    values x 2, clipped at the top as an imager clips
  offset   +2000: about 6x the membranes' level (~320), a brighter imager background
  gauss    Gaussian noise sigma 40: about 4x the images' own pixel noise (8-17)
  poisson  noise of variance 4 x the value: sigma 35 on the membrane, 150 on a band of 5600
  s08      resampled bilinearly to 0.8x     s125    to 1.25x (boxes scaled)
  rotp1    rotated by +1 degree about the centre, edges continued (a box keeps its size, its centre moves)
  rotm1    by -1 degree
  crop     cut to the lab boxes' extent +- 40 px (a frame cropped to the membranes)
  ident    written back unchanged (must score as DATA does)
  dilute   a two-fold dilution series made of each lab strip: the k-th lane from the left (lab boxes sorted by x) keeps
           2^-k of its band's signal, the membrane and its noise unchanged (dilute() below; issue 20's dilution aim:
           no real series was found); dilution.tsv beside the images gives each lab box's factor and its band's
           height over the pixel noise, for `score_athenaz2.py DATA OUT aug AUGDATA --dilution`
The 8-bit March 19 export (dark bands, a palette) is transformed on its inverted values, so its `offset` darkens its
membrane. The noise is seeded per augmentation and image: any subset is built the same.
"""
import glob, os, re, sys, zlib
import numpy as np
from PIL import Image
from scipy import ndimage

BLOTS = os.path.join("ath", "Proof of Concept", "images_original", "_Western blots")
AUGS = ("flip", "exp05", "exp2", "offset", "gauss", "poisson", "s08", "s125", "rotp1", "rotm1", "crop", "ident", "dilute")
ITEM = re.compile(r"(Item\d+=)\((\d+),(-?\d+),(-?\d+),(-?\d+),(-?\d+)\)")


def boxes_rewrite(stp, fn):
    """The .stp text with its [SpotDenso] ItemN=(k,x0,y0,x1,y1) boxes rewritten by fn((x0,y0,x1,y1)); the rest kept."""
    head, sec = stp.split("[SpotDenso]", 1)
    end = sec.find("[")
    body, tail = (sec, "") if end < 0 else (sec[:end], sec[end:])
    sub = lambda m: "%s(%s,%d,%d,%d,%d)" % ((m.group(1), m.group(2)) + tuple(int(v) for v in fn(tuple(int(v) for v in m.group(3, 4, 5, 6)))))
    return head + "[SpotDenso]" + ITEM.sub(sub, body) + tail


def boxes(stp):
    out = []
    boxes_rewrite(stp, lambda b: (out.append(b), b)[1])
    return out


def strips(stp):
    """The lab's strips as the scorer groups them: item numbers in order, 9 a strip; each strip's boxes left to right."""
    items = sorted((int(m.group(1)[4:-1]), tuple(int(v) for v in m.group(3, 4, 5, 6)))
                   for m in ITEM.finditer(stp.split("[SpotDenso]", 1)[1]))
    return [sorted(items[s:s + 9], key=lambda it: it[1][0]) for s in range(0, len(items), 9)]


def dilute(a, stp, top):
    """The dilution series (see the docstring): the diluted signal and, per lab box, (item, lane rank, factor, band
    height over the noise after dilution). Only the band's own smooth signal is scaled, so the membrane's texture, its
    gradients and the image's noise stay as they are: per column a straight background from the 5 rows above the
    lab box (less its height) to the 5 below (each smoothed along the row by a 3-px Gaussian); the band = the image smoothed by a 1-px Gaussian, less
    that background, where a 2-px smoothing clears it by 2 of its own noise (grown by 2 px); lane k loses
    (1 - 2^-k) of it. What is left of a bright band is its own pixel noise (conservative: a real faint band has less)."""
    a = a.copy()
    rows = []
    for strip in strips(stp):
        bx = [b for _, b in strip]
        # lanes meet halfway between neighbouring boxes (boxes may touch or overlap); the ends reach out as far
        half = max(0, int(np.median([bx[i + 1][0] - bx[i][2] - 1 for i in range(len(bx) - 1)] or [0]))) // 2
        cuts = [max(0, bx[0][0] - half)] + [(bx[i][2] + 1 + bx[i + 1][0]) // 2 for i in range(len(bx) - 1)] \
            + [min(a.shape[1], bx[-1][2] + 1 + half)]
        for k, (item, b) in enumerate(strip):
            m = b[3] - b[1] + 1
            y0, y1 = b[1] - m, b[3] + m + 1  # the window: the box's rows and its height either side (a band's tails)
            left, right = cuts[k], cuts[k + 1]
            if y0 - 5 < 0 or y1 + 5 > a.shape[0] or right - left < 3:
                continue
            # smoothed along the row: a column's own 5-row mean is noisy enough to leave streaks in the band
            above = ndimage.gaussian_filter1d(a[y0 - 5:y0, left:right].mean(axis=0), 3, mode="nearest")
            below = ndimage.gaussian_filter1d(a[y1:y1 + 5, left:right].mean(axis=0), 3, mode="nearest")
            t = (np.arange(y0, y1)[:, None] - (y0 - 3)) / ((y1 + 2) - (y0 - 3))
            bg = above + (below - above) * t
            win = a[y0:y1, left:right]
            d = np.diff(np.r_[a[y0 - 5:y0, left:right], a[y1:y1 + 5, left:right]], axis=1)
            noise = np.median(np.abs(d)) / (0.6745 * np.sqrt(2)) or np.std(d) / np.sqrt(2)  # 8-bit: the MAD may be 0
            s2 = ndimage.gaussian_filter(win, 2) - bg
            mask = ndimage.binary_dilation(s2 > 2 * noise / (2 * np.sqrt(np.pi) * 2), iterations=2)  # 2-px Gaussian: noise / (2 sqrt(pi) sigma)
            band = np.where(mask, np.maximum(ndimage.gaussian_filter(win, 1) - bg, 0), 0)
            f = 0.5 ** k
            a[y0:y1, left:right] = np.clip(win - (1 - f) * band, 0, top)
            rows.append((item, k, f, f * float(band.max()) / noise if noise > 0 else float("inf")))
    return a, rows


def rotate(a, deg):
    """Rotated by deg (counter-clockwise on screen) about the centre, bilinear, edges continued; and the map from an
    input point (y, x) to its place in the output."""
    h, w = a.shape
    t = np.deg2rad(deg)
    m = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])  # output (y, x) -> input (y, x)
    c = np.array([(h - 1) / 2, (w - 1) / 2])
    off = c - m @ c
    mi = np.linalg.inv(m)
    return ndimage.affine_transform(a, m, offset=off, order=1, mode="nearest"), lambda p: mi @ (np.array(p) - off)


def augment(name, a, bx, scale, rng):
    """a: the signal (bands bright), scale: 1 for 16-bit images, the 8-bit export's step per 16-bit unit; returns the
    transformed signal and the map of a box (x0, y0, x1, y1), corners inclusive."""
    h, w = a.shape
    top = 65535.0 * scale
    same = lambda b: b
    if name == "flip":
        return a[:, ::-1], lambda b: (w - 1 - b[2], b[1], w - 1 - b[0], b[3])
    if name in ("exp05", "exp2"):
        return np.clip(a * (0.5 if name == "exp05" else 2.0), 0, top), same
    if name == "offset":
        return np.clip(a + 2000 * scale, 0, top), same
    if name == "gauss":
        return np.clip(a + rng.normal(0, 40 * scale, a.shape), 0, top), same
    if name == "poisson":
        return np.clip(a + rng.normal(0, 1, a.shape) * np.sqrt(4.0 * scale * np.maximum(a, 0)), 0, top), same
    if name in ("s08", "s125"):
        s = 0.8 if name == "s08" else 1.25
        r = np.array(Image.fromarray(a.astype(np.float32), "F").resize((round(w * s), round(h * s)), Image.BILINEAR))
        return r, lambda b: (round(b[0] * s), round(b[1] * s), round((b[2] + 1) * s) - 1, round((b[3] + 1) * s) - 1)
    if name in ("rotp1", "rotm1"):
        r, to_out = rotate(a, 1.0 if name == "rotp1" else -1.0)
        def box(b):  # the centre moves with the image, the size is kept (the lab would draw the same box)
            y, x = to_out(((b[1] + b[3]) / 2, (b[0] + b[2]) / 2))
            x0, y0 = round(x - (b[2] - b[0]) / 2), round(y - (b[3] - b[1]) / 2)
            return (x0, y0, x0 + b[2] - b[0], y0 + b[3] - b[1])
        return r, box
    if name == "crop":
        x0, y0 = max(0, min(b[0] for b in bx) - 40), max(0, min(b[1] for b in bx) - 40)
        x1, y1 = min(w, max(b[2] for b in bx) + 41), min(h, max(b[3] for b in bx) + 41)
        return a[y0:y1, x0:x1], lambda b: (b[0] - x0, b[1] - y0, b[2] - x0, b[3] - y0)
    if name in ("ident", "dilute"):  # dilute: main() calls dilute(), which needs the strips
        return a, same
    raise ValueError(name)


HELD_SKIP = {"B3AR/Oct 10/Oct10_GAPDHbottom.tif"}  # byte-identical to B2AR's Oct10 (score_athenaz2.py's SKIP)


def main():
    held = "--held" in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a != "--held"]
    if len(args) < 2:
        sys.exit("usage: augment.py [--held] DATA AUGDATA [AUG...]  (AUG: %s; default all; --held: the held-out "
                 "B3AR blots into AUGDATA/<AUG>-held, to be run once with a rule's final code)" % " ".join(AUGS))
    data, dest, names = args[0], args[1], args[2:] or AUGS
    bad = [n for n in names if n not in AUGS]
    if bad:
        sys.exit("error: unknown augmentation %s (expected %s)" % (" ".join(bad), " ".join(AUGS)))
    src = os.path.join(data, BLOTS)
    tifs = [t for t in sorted(glob.glob(os.path.join(src, "B3AR" if held else "B[12]AR", "*", "*.tif")))
            if os.path.exists(t[:-4] + ".stp") and os.path.relpath(t, src) not in HELD_SKIP]
    if not tifs:
        sys.exit("error: no %s blots with .stp boxes under %s (measure/fetch.sh lays them out)" % ("held-out" if held else "development", src))
    for name in names:
        table = []
        for tif in tifs:
            rel = os.path.relpath(tif, src)
            im = Image.open(tif)
            pal = im.mode == "P"
            raw = np.array(im).astype(np.float64)
            a = 255 - raw if pal else raw  # the 8-bit export: dark bands; transformed as signal
            stp = open(tif[:-4] + ".stp", "rb").read().decode("latin-1")
            rng = np.random.default_rng(zlib.crc32(("%s/%s" % (name, rel)).encode()))
            scale = 255 / 65535 * 4 if pal else 1.0
            out, box = augment(name, a, boxes(stp), scale, rng)
            if name == "dilute":
                out, rows = dilute(out, stp, 65535.0 * scale)
                table.extend("%s\t%d\t%d\t%g\t%.2f\n" % ((rel,) + r) for r in rows)
            out = np.rint(out)
            dst = os.path.join(dest, name + ("-held" if held else ""), BLOTS, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if pal:
                o = Image.fromarray(np.clip(255 - out, 0, 255).astype(np.uint8), "P")
                o.putpalette(im.getpalette())
            else:
                o = Image.fromarray(np.clip(out, 0, 65535).astype(np.uint16))
            o.save(dst)
            open(dst[:-4] + ".stp", "wb").write(boxes_rewrite(stp, box).encode("latin-1"))
        if name == "dilute":
            with open(os.path.join(dest, name + ("-held" if held else ""), "dilution.tsv"), "w") as t:
                t.write("image\titem\tlane_rank\tfactor\tpeak_over_noise\n" + "".join(table))
        print("%s: %d images in %s" % (name, len(tifs), os.path.join(dest, name + ("-held" if held else ""))))


if __name__ == "__main__":
    main()
