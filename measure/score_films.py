#!/usr/bin/env python3
"""score_films.py OUT dev|held: athenaz2's X-ray film scans (run.sh's films-dev / films-held sets) against the truth
read by eye in truth/films.tsv (truth/read_films.py says how). Rules (docs/history/blots.md, "Film scans"):
- detected = bands.csv rows with detected=true (placeholders, detected=false, are counted apart when on writing);
- found: a detected box whose centre lies in a truth band's box, one to one (nearest centres first);
  saturation right: the found box's `saturated` is the truth's black (a pixel of luminance <= 2 in the band);
- on writing: a detected box whose centre, or half of whose area, lies on the writing boxes (how many of them `ok`:
  a word boxed and not flagged);
- other: detected boxes neither found, nor on writing, nor centred in an `other` region (smears without band
  truth, faint rows, another blot's bands at the film's edge, corners): on the film's base or a band twice;
- lanes alone: truth lanes (a centre x over rows) that are the only truth lane in a found lane of lanes.csv, the
  only found lane holding them.
"""
import csv, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def truth(part):
    out = {}
    for line in open(os.path.join(HERE, "truth", "films.tsv")):
        if line.startswith("#"):
            continue
        img, p, kind, x0, y0, x1, y1, black, _ = line.rstrip("\n").split("\t")
        if p == part:
            out.setdefault(img, []).append((kind, int(x0), int(y0), int(x1), int(y1), black == "yes"))
    return out


def run_name(img):
    return os.path.splitext(os.path.basename(img))[0].replace(" ", "_").replace(",", "_")


def centre_in(b, r):  # b: x, y, w, h of a detected box; r: x0, y0, x1, y1 inclusive
    cx, cy = b[0] + b[2] / 2, b[1] + b[3] / 2
    return r[0] <= cx < r[2] + 1 and r[1] <= cy < r[3] + 1


def area_on(b, rs):  # pixels of box b on the union of the boxes rs
    x, y, w, h = (int(round(v)) for v in b)
    on = 0
    for yy in range(y, y + h):
        for xx in range(x, x + w):
            if any(r[0] <= xx <= r[2] and r[1] <= yy <= r[3] for r in rs):
                on += 1
    return on


def on_writing(b, writing):
    return any(centre_in(b, r) for r in writing) or area_on(b, writing) >= b[2] * b[3] / 2


def score(rows, lanes, t):
    bands = [r[1:5] + (r[5],) for r in t if r[0] == "band"]
    writing = [r[1:5] for r in t if r[0] == "writing"]
    others = [r[1:5] for r in t if r[0] == "other"]
    det = [r for r in rows if r["detected"] == "true"]
    box = lambda r: [float(r[k]) for k in ("x", "y", "width", "height")]
    pairs = []
    for i, d in enumerate(det):
        b = box(d)
        for j, tb in enumerate(bands):
            if centre_in(b, tb):
                pairs.append(((b[0] + b[2] / 2 - (tb[0] + tb[2]) / 2) ** 2 + (b[1] + b[3] / 2 - (tb[1] + tb[3]) / 2) ** 2, i, j))
    used_d, match = set(), {}
    for _, i, j in sorted(pairs):
        if i not in used_d and j not in match:
            used_d.add(i); match[j] = i
    sat_right = sum(1 for j, i in match.items() if (det[i]["saturated"] == "true") == bands[j][4])
    on_w = [i for i, d in enumerate(det) if on_writing(box(d), writing)]
    on_w_ok = sum(1 for i in on_w if det[i]["status"] == "ok")  # a word boxed and not flagged: the worst case
    placeholders_on_w = sum(1 for r in rows if r["detected"] != "true" and on_writing(box(r), writing))
    other = sum(1 for i, d in enumerate(det) if i not in used_d and i not in on_w and not any(centre_in(box(d), r) for r in others))
    tl = [r for r in t if r[0] == "lane"]
    holds = lambda L, c: (float(L["x"]) <= c[1] < float(L["x"]) + float(L["width"])
                          and float(L["y"]) <= c[4] and c[2] < float(L["y"]) + float(L["height"]))

    def alone_in_its_lane(c):  # the only found lane holding truth lane c holds no other truth lane
        held = [L for L in lanes if holds(L, c)]
        return len(held) == 1 and sum(1 for c2 in tl if holds(held[0], c2)) == 1

    alone = sum(1 for c in tl if alone_in_its_lane(c))
    return dict(bands=len(bands), found=len(match), sat=sat_right, black=sum(1 for b in bands if b[4]),
                flagged=sum(1 for i in match.values() if det[i]["saturated"] == "true"), det=len(det), on_w=len(on_w),
                on_w_ok=on_w_ok, ph_w=placeholders_on_w, other=other, lanes=len(lanes), tl=len(tl), alone=alone,
                missed=[j + 1 for j in range(len(bands)) if j not in match])


def main():
    out, part = sys.argv[1], sys.argv[2]
    keys = ("bands", "found", "sat", "det", "on_w", "on_w_ok", "ph_w", "other", "tl", "alone")
    tot = dict.fromkeys(keys, 0)
    for img, t in truth(part).items():
        d = os.path.join(out, "films-" + part, run_name(img))
        if not os.path.exists(os.path.join(d, "bands.csv")):
            print("%s: no output (%s)" % (run_name(img), open(d + ".log").read().strip().splitlines()[-1] if os.path.exists(d + ".log") else "no log"))
            continue
        s = score(list(csv.DictReader(open(os.path.join(d, "bands.csv")))), list(csv.DictReader(open(os.path.join(d, "lanes.csv")))), t)
        for k in keys:
            tot[k] += s[k]
        print("%-24s bands %2d found %2d (saturation right %2d; flagged %2d, black %2d)  detected %3d  on writing %d (%d ok; +%d placeholders)"
              "  other %2d  lanes %2d (truth %2d, alone %2d)  missed %s" % (
                  run_name(img), s["bands"], s["found"], s["sat"], s["flagged"], s["black"], s["det"], s["on_w"], s["on_w_ok"], s["ph_w"],
                  s["other"], s["lanes"], s["tl"], s["alone"], s["missed"]))
    print("%s: found %d / %d, saturation right %d, on writing %d (%d ok; +%d placeholders), other %d, truth lanes alone %d / %d" % (
        part, tot["found"], tot["bands"], tot["sat"], tot["on_w"], tot["on_w_ok"], tot["ph_w"], tot["other"], tot["alone"], tot["tl"]))


if __name__ == "__main__":
    main()
