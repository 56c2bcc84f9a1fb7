#!/usr/bin/env python3
"""augment.py DATA AUGDATA [AUG...]: athenaz2's development blots (B1AR, B2AR) transformed as labs' images plausibly
differ, each with its lab boxes (.stp) transformed the same way, laid out as DATA is: AUGDATA/<AUG>/ath/...  so that
`run.sh JAR AUGDATA/<AUG> OUT/<AUG> athenaz2-dev` and `score_athenaz2.py AUGDATA/<AUG> OUT/<AUG> dev` run unchanged
(`score_athenaz2.py DATA OUT aug AUGDATA` compares them with the unaugmented run). Needs numpy, PIL and scipy
(Debian: python3-numpy python3-pil python3-scipy). Session 16 (docs/blots.md) chose the augmentations:
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
The 8-bit March 19 export (dark bands, a palette) is transformed on its inverted values, so its `offset` darkens its
membrane. The noise is seeded per augmentation and image: any subset is built the same.
"""
import glob, os, re, sys, zlib
import numpy as np
from PIL import Image
from scipy import ndimage

BLOTS = os.path.join("ath", "Proof of Concept", "images_original", "_Western blots")
AUGS = ("flip", "exp05", "exp2", "offset", "gauss", "poisson", "s08", "s125", "rotp1", "rotm1", "crop", "ident")
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
    if name == "ident":
        return a, same
    raise ValueError(name)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: augment.py DATA AUGDATA [AUG...]  (AUG: %s; default all)" % " ".join(AUGS))
    data, dest, names = sys.argv[1], sys.argv[2], sys.argv[3:] or AUGS
    bad = [n for n in names if n not in AUGS]
    if bad:
        sys.exit("error: unknown augmentation %s (expected %s)" % (" ".join(bad), " ".join(AUGS)))
    src = os.path.join(data, BLOTS)
    tifs = [t for t in sorted(glob.glob(os.path.join(src, "B[12]AR", "*", "*.tif"))) if os.path.exists(t[:-4] + ".stp")]
    if not tifs:
        sys.exit("error: no development blots with .stp boxes under %s (measure/fetch.sh lays them out)" % src)
    for name in names:
        for tif in tifs:
            rel = os.path.relpath(tif, src)
            im = Image.open(tif)
            pal = im.mode == "P"
            raw = np.array(im).astype(np.float64)
            a = 255 - raw if pal else raw  # the 8-bit export: dark bands; transformed as signal
            stp = open(tif[:-4] + ".stp", "rb").read().decode("latin-1")
            rng = np.random.default_rng(zlib.crc32(("%s/%s" % (name, rel)).encode()))
            out, box = augment(name, a, boxes(stp), 255 / 65535 * 4 if pal else 1.0, rng)
            out = np.rint(out)
            dst = os.path.join(dest, name, BLOTS, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if pal:
                o = Image.fromarray(np.clip(255 - out, 0, 255).astype(np.uint8), "P")
                o.putpalette(im.getpalette())
            else:
                o = Image.fromarray(np.clip(out, 0, 65535).astype(np.uint16))
            o.save(dst)
            open(dst[:-4] + ".stp", "wb").write(boxes_rewrite(stp, box).encode("latin-1"))
        print("%s: %d images in %s" % (name, len(tifs), os.path.join(dest, name)))


if __name__ == "__main__":
    main()
