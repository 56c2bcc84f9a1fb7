#!/bin/bash
# changed.sh OUT_A OUT_B: the runs whose tables differ between two builds' outputs of the same sets (run.sh), one per
# line as SET/NAME (the CSVs compared byte for byte, run.csv aside: it names the build and the folder); then a count.
set -uo pipefail
A=${1:?usage: changed.sh OUT_A OUT_B}; B=${2:?}
n=0; total=0
for d in "$A"/*/*/; do
  run=${d#"$A/"}; run=${run%/}; total=$((total + 1))
  if [ ! -d "$B/$run" ]; then echo "$run (only in $A)"; n=$((n + 1)); continue; fi
  for f in "$d"*.csv; do
    [ "$(basename "$f")" = run.csv ] && continue
    cmp -s "$f" "$B/$run/$(basename "$f")" || { echo "$run"; n=$((n + 1)); break; }
  done
done
echo "$n of $total runs differ"
