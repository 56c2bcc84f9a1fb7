#!/bin/bash
# tables.sh DATA OUT wells|blots: every per-image table of one command's real sets, as markdown, from the outputs of
# run.sh in OUT (a set not run there is skipped with a line saying so). The "Per-image tables" sections of docs/wells.md
# and docs/blots.md are this script's output for the code of their commit (session 21).
set -uo pipefail
DATA=${1:?usage: tables.sh DATA OUT wells|blots}; OUT=${2:?}; which=${3:?}
HERE=$(cd "$(dirname "$0")" && pwd)
py() { python3 "$HERE/$1" "${@:2}" 2>&1; }
have() { [ -d "$OUT/$1" ] || { printf '(set `%s` not run)\n\n' "$1"; return 1; }; }
section() { printf '\n##### %s\n\n' "$1"; }
fence() { echo '```'; cat; echo '```'; }
case $which in
  wells)
    section 'Dishes: phone (cell_counting2), webcam and high-resolution (OpenCFU); `dishes`'
    have dishes && py score_dishes.py "$DATA" "$OUT"
    section 'High-resolution dishes from the authors'"'"' shifted copies; `hd-shifted`'
    have hd-shifted && py score_hd_shifted.py "$DATA" "$OUT"
    section 'Phone dishes lit from one side (CounterCulture, pairing sorted); `counterculture`'
    have counterculture && py score_counterculture.py "$DATA" "$OUT" | fence
    section 'Phage lawns on dishes (OnePetri), both modes; `onepetri`'
    have onepetri && py score_onepetri.py "$DATA" "$OUT" | fence
    for part in dev held; do
      section "12-well plaque plates, $part; \`plaques-$part\`"
      have "plaques-$part" && py score_plaques.py "$DATA" "$OUT" "$part"
    done
    section 'How often `ok` is wrong, every set run; `score_trust.py`'
    py score_trust.py "$DATA" "$OUT" ;;
  blots)
    for part in dev held; do
      section "Imager blots with the lab's boxes (athenaz2), $part; \`athenaz2-$part\`"
      have "athenaz2-$part" && { py score_athenaz2.py "$DATA" "$OUT" "$part" | fence; echo
        py score_athenaz2.py "$DATA" "$OUT" "$part" --trust; echo; py score_athenaz2.py "$DATA" "$OUT" "$part" --readout; }
    done
    section 'The dilution series made of the lab strips; `athenaz2-aug` of `augment.py ... dilute` (and `dilute-held`)'
    [ -d "${AUGDATA:-}" ] && have athenaz2-aug && py score_athenaz2.py "$DATA" "$OUT" aug "$AUGDATA" --dilution \
      || echo '(AUGDATA, the folder of augment.py, not given or not run)'
    for part in dev held; do
      section "X-ray film scans, $part; \`films-$part\`"
      have "films-$part" && py score_films.py "$OUT" "$part" | fence
    done
    for part in dev held; do
      section "NEB 1 kb Plus mass ladder, $part; \`ladder\`"
      have ladder && py score_ladder.py "$OUT" "$part" | fence
    done
    section 'Coomassie gel with its authors'"'"' densities (gelquant); `gelquant`'
    have gelquant && py score_gelquant.py "$DATA" "$OUT" | fence ;;
  *) echo "usage: tables.sh DATA OUT wells|blots" >&2; exit 2 ;;
esac
