#!/usr/bin/env python3
"""score_turned.py OUT: per dish of turn_dishes.py, the count as it is, mirrored and turned by 90 degrees (run.sh's
`turned` set), and how far the other two stray from it; the status as it is. A count the photo's orientation moves is
one the tool cannot stand behind as exactly as it prints it."""
import csv, os, statistics, sys


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: score_turned.py OUT")
    root = os.path.join(sys.argv[1], "turned")
    runs = {}
    for d in sorted(os.listdir(root)):
        p = os.path.join(root, d, "wells.csv")
        if "__" in d and os.path.exists(p):
            turn, name = d.split("__", 1)
            r = next(csv.DictReader(open(p)))
            runs.setdefault(name, {})[turn] = (int(r["colonies"]), r["status"])
    print("| dish | as it is | mirrored | turned 90 degrees | status |\n|---|---|---|---|---|")
    spread = []
    for name, r in sorted(runs.items()):
        base = r.get("ident", (None, ""))[0]
        cell = lambda t: "-" if t not in r or base is None else "%d (%+.1f %%)" % (r[t][0], 100.0 * (r[t][0] - base) / max(1, base))
        if base is not None:
            spread += [abs(r[t][0] - base) / max(1, base) for t in ("flip", "rot90") if t in r]
        print("| %s | %s | %s | %s | %s |" % (name, "-" if base is None else base, cell("flip"), cell("rot90"), r.get("ident", ("", ""))[1]))
    if spread:
        print("\n%d dishes: |change| median %.1f %%, worst %.1f %%, over 5 %%: %d of %d" % (
            len(runs), 100 * statistics.median(spread), 100 * max(spread), sum(1 for s in spread if s > 0.05), len(spread)))


if __name__ == "__main__":
    main()
