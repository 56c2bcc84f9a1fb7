#!/bin/bash
# fetch.sh DATA [SOURCE...]: the public real images the docs' per-image tables were measured on, at the
# commits of sources.tsv, laid out under DATA as run.sh and the scorers read them. Nothing of it is ever
# copied into this repository (most sources give no licence: measurement only).
# Needs git, a JDK (the OpenCFU TIFFs are JPEG-compressed; ImageIO converts them to PNG) and python3 with PIL.
# REPOS=/path/%s/repo reads the repositories from local git directories instead of cloning github.com (%s = owner+name).
set -euo pipefail
DATA=${1:?usage: fetch.sh DATA [SOURCE...]}; shift
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$DATA/.git-cache"
DATA=$(cd "$DATA" && pwd)
want() { [ ${#WANT[@]} -eq 0 ] && return 0; for s in "${WANT[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
WANT=("$@")
t=""
trap 'rm -rf "$t"' EXIT # the scratch folder of the source being taken, also when a step fails

# repo COMMIT: a bare clone of the repository, kept in DATA/.git-cache
repo() {
  local slug=$1 git="$DATA/.git-cache/${1/\//+}.git"
  if [ -n "${REPOS:-}" ]; then # a git directory, or a clone with a work tree
    git=$(printf "$REPOS" "${slug/\//+}"); [ -d "$git/.git" ] && git=$git/.git; echo "$git"; return; fi
  # a whole clone: git archive then needs no object it does not have (github.com is not reachable from the machine
  # this was written on; the REPOS path was run end to end there)
  [ -d "$git" ] || git clone -q --bare "https://github.com/$slug.git" "$git"
  echo "$git"
}
# take SLUG COMMIT DEST PATH...: the paths of that commit extracted under DEST
take() {
  local git; git=$(repo "$1"); local commit=$2 dest=$3; shift 3
  mkdir -p "$dest"
  # blob by blob, not git archive: a mirror may lack the blobs of files not asked for, and git archive then fails
  git --git-dir="$git" ls-tree -r -z "$commit" -- "$@" | while IFS= read -r -d '' entry; do
    local path=${entry#*$'\t'} blob; blob=$(cut -d' ' -f3 <<< "${entry%%$'\t'*}")
    mkdir -p "$dest/$(dirname "$path")"; git --git-dir="$git" cat-file blob "$blob" > "$dest/$path"
  done
}
# absent DIR...: none of these folders exists yet; a source whose folder is there is skipped, never written over
absent() {
  for d in "$@"; do [ -e "$DATA/$d" ] && { echo "skipped: $DATA/$d exists (remove it to fetch again)"; return 1; }; done; return 0
}
col() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n { print $c }' "$HERE/sources.tsv"; }

if want opencfu && absent ocfu webcam hd; then
  c=$(col opencfu 3); t=$(mktemp -d)
  hd="01 03 05 08 09 10 11 14 15 19" webcam="A B C D E F G H I J K L M N O P Q R S"
  take qgeissmann/OpenCFU "$c" "$t" figAccuracy/results.csv $(for x in $webcam; do echo figAccuracy/webcamScreenShotCroped/$x.jpg.tif; done) \
    $(for n in $hd; do echo figAccuracy/images/q120404-$n.tif; done)
  mkdir -p "$DATA/ocfu/figAccuracy" "$DATA/webcam" "$DATA/hd"
  cp "$t/figAccuracy/results.csv" "$DATA/ocfu/figAccuracy/"
  for x in $webcam; do java "$HERE/ToPng.java" "$t/figAccuracy/webcamScreenShotCroped/$x.jpg.tif" "$DATA/webcam/$x.png"; done
  for n in $hd; do
    java "$HERE/ToPng.java" "$t/figAccuracy/images/q120404-$n.tif" "$DATA/hd/q120404-$n.png"; done
  rm -rf "$t"
fi
if want opencfu-shifted && absent hdshift; then # the 9 high-resolution dishes figAccuracy/images lacks (over 4 MiB)
  # figRobust/Edge-25px/images holds all 19 shifted 25 px up and left, a band of grey 223 added along the bottom and
  # right (the paper's shifted-mask test): the band is cut off, leaving the dish photo less its top and left 25 px
  c=$(col opencfu-shifted 3); t=$(mktemp -d); hd="02 04 06 07 12 13 16 17 18"
  take qgeissmann/OpenCFU "$c" "$t" $(for n in $hd; do echo figRobust/Edge-25px/images/q120404-$n.tif; done)
  mkdir -p "$DATA/hdshift"
  for n in $hd; do
    java "$HERE/ToPng.java" "$t/figRobust/Edge-25px/images/q120404-$n.tif" "$t/q120404-$n.png"
    python3 -c 'import sys; from PIL import Image; im = Image.open(sys.argv[1]); im.crop((0, 0, im.width - 25, im.height - 25)).save(sys.argv[2])' \
      "$t/q120404-$n.png" "$DATA/hdshift/q120404-$n.png"
  done
  rm -rf "$t"
fi
if want cell_counting2 && absent phone; then
  take sheaconlon/cell_counting2 "$(col cell_counting2 3)" "$DATA/phone" data/easy/data data/multi/raw/1 data/multi/raw/5 data/multi/raw/11
fi
if want onepetri && absent onepetri; then
  t=$(mktemp -d)
  c=$(col onepetri 3); ids=$(grep -v '^#' "$HERE/splits/onepetri.txt" | cut -d' ' -f2- | tr ' \n' '||' | sed 's/|$//')
  # the 47 photos of the split (four more in the repository were absent from the snapshot measured)
  take mshamash/OnePetri-benchmark "$c" "$t" first50/benchmark-manual.csv \
    $(git --git-dir="$(repo mshamash/OnePetri-benchmark)" ls-tree --name-only "$c" images/ | grep -E "^images/($ids)")
  mkdir -p "$DATA/onepetri/images"
  cp "$t"/images/* "$DATA/onepetri/images/"
  cp "$t/first50/benchmark-manual.csv" "$DATA/onepetri/"
  rm -rf "$t"
fi
if want colony_counter && absent plaque; then
  take JulienErblandEPFL/Colony_counter "$(col colony_counter 3)" "$DATA/plaque" data/dataset.csv \
    data/raw/Brisbane data/raw/IBV data/raw/PR8v data/raw/PR8 data/raw/Panama
fi
if want counterculture && absent counterculture; then
  t=$(mktemp -d)
  take dannagifford/CounterCulture "$(col counterculture 3)" "$t" phone-images/2025-08-08_01jpg phone-images/2025-08-08_02.jpg phone-images/2025-08-08_03.jpg validation-data/2025-08-06_manual-counts.csv
  mkdir -p "$DATA/counterculture"
  # the repository names the first photo 2025-08-08_01jpg (no dot)
  cp "$t/phone-images/2025-08-08_01jpg" "$DATA/counterculture/phone_01.jpg"
  for n in 02 03; do cp "$t/phone-images/2025-08-08_$n.jpg" "$DATA/counterculture/phone_$n.jpg"; done
  cp "$t/validation-data/2025-08-06_manual-counts.csv" "$DATA/counterculture/manual-counts.csv"
  python3 "$HERE/crop_counterculture.py" "$DATA/counterculture"
  rm -rf "$t"
fi
if want athenaz2 && absent ath; then
  take athenaz2/Western-Blot-Data "$(col athenaz2 3)" "$DATA/ath" "Proof of Concept/images_original/_Western blots"
fi
if want athenaz2-films && absent films; then # the same repository's X-ray film scans and film crops
  take athenaz2/Western-Blot-Data "$(col athenaz2-films 3)" "$DATA/films" \
    "Proof of Concept/images_original/_Western Blots_Elias et al" "Proof of Concept/images_original/Western Blot"
fi
if want gel-lanes-fit && absent glf; then
  take rickud/gel-lanes-fit "$(col gel-lanes-fit 3)" "$DATA/glf" src/main/resources/sample-images/tagment-test
fi
if want gelgenie && absent gelgenie; then
  take mattaq31/GelGenie "$(col gelgenie 3)" "$DATA/gelgenie" \
    python-gelgenie/paper_figure_generation/early_attempts_at_band_data_analysis/ref_data/ladder_reference_gel.tif \
    python-gelgenie/paper_figure_generation/early_attempts_at_band_data_analysis/ref_data/overheated_ref.tif
fi
if want gelquant && absent gelquant; then # a Coomassie gel with its authors' densities; their four crops cut from it
  take elifesciences-publications/gelquant "$(col gelquant 3)" "$DATA/gelquant" gel-example.png a_data.json b_data.json
  python3 "$HERE/crop_gelquant.py" "$DATA/gelquant"
fi
echo "fetched into $DATA"
