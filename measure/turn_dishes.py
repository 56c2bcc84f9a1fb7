#!/usr/bin/env python3
"""turn_dishes.py DATA TURNED: the development dishes (phone easy1-13 and multi 1 and 5, webcam A-J) written losslessly
to PNG as they are (`ident`), mirrored left-right (`flip`) and turned by 90 degrees (`rot90`): pixels only moved, so a
count should not move (session 19, docs/history/wells.md "A photo turned or mirrored"). Then
`run.sh JAR TURNED OUT turned` and `score_turned.py OUT`. Needs PIL."""
import glob, os, sys
from PIL import Image

TURNS = {"ident": lambda im: im, "flip": lambda im: im.transpose(Image.FLIP_LEFT_RIGHT),
         "rot90": lambda im: im.transpose(Image.ROTATE_90)}


def sources(data):
    out = []
    for i in range(1, 14):
        out += glob.glob(f"{data}/phone/data/easy/data/{i}/*.jpg")
    for m in (1, 5):
        out += sorted(glob.glob(f"{data}/phone/data/multi/raw/{m}/*.jpg"))
    return out + [f"{data}/webcam/{c}.png" for c in "ABCDEFGHIJ"]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: turn_dishes.py DATA TURNED")
    data, dest = sys.argv[1:]
    os.makedirs(dest, exist_ok=True)
    srcs = [s for s in sources(data) if os.path.exists(s)]
    if not srcs:
        sys.exit("error: no development dishes under %s (measure/fetch.sh lays them out)" % data)
    for s in srcs:
        name = os.path.relpath(s, data).replace("/", "_").rsplit(".", 1)[0]
        im = Image.open(s).convert("RGB")
        for turn, f in TURNS.items():
            f(im).save(os.path.join(dest, "%s__%s.png" % (turn, name)))
    print("%d dishes x %d in %s" % (len(srcs), len(TURNS), dest))


if __name__ == "__main__":
    main()
