#!/bin/bash
# run.sh JAR DATA OUT SET...: the command line on a set of real images, as a user runs it (one run per image,
# outputs in OUT/<set>/<name>/, the run's messages in OUT/<set>/<name>.log). DATA as fetch.sh lays it out.
# Sets: dishes (phone, webcam and high-resolution dishes), hd-shifted (9 more high-resolution dishes), counterculture, onepetri (colonies and plaques mode),
#       plaques-dev, plaques-held (12-well plaque plates), athenaz2-dev, athenaz2-held (imager blots),
#       films-dev, films-held (X-ray film scans), athenaz2-aug (DATA = augment.py's folder: the development
#       blots transformed), turned (DATA = turn_dishes.py's folder: dishes mirrored and turned), ladder, gelquant (a Coomassie gel: whole and its authors' four crops),
#       gels (DNA gels without truth: a guard).
# The splits (which images are held out) are in README.md; score with the score_*.py beside this script.
set -uo pipefail
JAR=${1:?usage: run.sh JAR DATA OUT SET...}; DATA=${2:?}; OUT=${3:?}; shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
run() { # run SET NAME ARGS...: one fresh command line, at most 5 minutes (a stuck run must not stop the rest);
  # a run again into its folder replaces only what AssayQuant wrote there (a folder with other files is refused)
  local set=$1 name=$2; shift 2
  mkdir -p "$OUT/$set"
  timeout 300 nice java -jar "$JAR" "$@" out="$OUT/$set/$name" > "$OUT/$set/$name.log" 2>&1
}
athenaz2() { # athenaz2 SET PREFIX DATA PART...: each imager blot with the lab's boxes (.stp) beside it
  local set=$1 prefix=$2 root="$3/ath/Proof of Concept/images_original/_Western blots" p f; shift 3
  for p in "$@"; do [ -d "$root/$p" ] || continue; find "$root/$p" -name '*.tif' | sort | while IFS= read -r f; do [ -f "${f%.tif}.stp" ] || continue
    run "$set" "$prefix$p-$(basename "$(dirname "$f")" | tr ' ,' '__')-$(basename "$f" .tif | tr ' ,' '__')" blot image="$f"
  done; done
}
for set in "$@"; do
  case $set in
    dishes)
      find "$DATA/phone" -name '*.jpg' | sort | while read -r f; do
        n=${f#"$DATA/phone/"}; n=ph_${n//\//_}; run dishes "${n%.jpg}" wells image="$f" format=dish; done
      for f in "$DATA"/webcam/*.png; do run dishes "wc_$(basename "$f" .png)" wells image="$f" format=dish; done
      for f in "$DATA"/hd/*.png; do run dishes "hd_$(basename "$f" .png)" wells image="$f" format=dish; done ;;
    hd-shifted) # the 9 high-resolution OpenCFU dishes the dishes set lacks (fetch.sh opencfu-shifted: 25 px cut off top and left)
      for f in "$DATA"/hdshift/*.png; do run hd-shifted "hd_$(basename "$f" .png)" wells image="$f" format=dish; done ;;
    counterculture)
      for f in "$DATA"/counterculture/crops/*.png; do run counterculture "$(basename "$f" .png)" wells image="$f" format=dish; done ;;
    onepetri)
      for f in "$DATA"/onepetri/images/*; do b=$(basename "$f"); b=${b%%-*}
        run onepetri "colonies_$b" wells image="$f" format=dish
        run onepetri "plaques_$b" wells image="$f" format=dish mode=plaques; done ;;
    plaques-dev|plaques-held)
      [ "$set" = plaques-dev ] && viruses="Brisbane IBV PR8v" || viruses="PR8 Panama"
      for v in $viruses; do for f in "$DATA/plaque/data/raw/$v"/Plate_*.jp*g; do n=$(basename "${f%.*}"); n=${n#Plate_}
        run "$set" "${v}_$n" wells image="$f" format=12 mode=plaques mirror=true; done; done ;;
    athenaz2-dev) athenaz2 "$set" "" "$DATA" B1AR B2AR ;;
    athenaz2-held) athenaz2 "$set" "" "$DATA" B3AR ;;
    athenaz2-aug) # DATA = augment.py's folder: every augmentation in it (of the development blots; <aug>-held: of B3AR)
      for a in "$DATA"/*/; do a=$(basename "$a"); athenaz2 "$set" "$a-" "$DATA/$a" B1AR B2AR B3AR; done ;;
    films-dev|films-held) # athenaz2's X-ray film scans (Elias et al.) and film crops; names as score_films.py reads them
      r="$DATA/films/Proof of Concept/images_original"
      if [ "$set" = films-dev ]; then
        films=("GAPDH blot rep 1, 2, 3.tif" "FLG blot rep 1, 2, 3.tif" "FLG blot rep 4, 5.tif")
        crops=("SCC25DDP BMI1.jpg" "SCC25DDP GAPDH.jpg" "TSCCADDP BMI1.jpg" "TSCCADDP GAPDH.jpg")
      else films=("GAPDH blot rep 4, 5.tif" "GAPDH blot rep 6,7,8.tif" "FLG blot rep 6, 7, 8.tif"); crops=(); fi
      for f in "${films[@]/#/_Western Blots_Elias et al/}" "${crops[@]/#/Western Blot/}"; do
        n=$(basename "${f%.*}"); run "$set" "${n//[ ,]/_}" blot image="$r/$f"; done ;;
    turned) # DATA = turn_dishes.py's folder: each development dish as it is, mirrored and turned by 90 degrees
      for f in "$DATA"/*__*.png; do run turned "$(basename "$f" .png)" wells image="$f" format=dish; done ;;
    gels) # gel-lanes-fit's DNA gels: no truth, a guard (which outputs changed: changed.sh)
      find "$DATA/glf" -name '*.tif' -o -name '*.jpg' | sort | while IFS= read -r f; do
        n=${f#"$DATA/glf/src/main/resources/sample-images/tagment-test/"}; run gels "${n//\//_}" blot image="$f"; done ;;
    ladder)
      g="$DATA/gelgenie/python-gelgenie/paper_figure_generation/early_attempts_at_band_data_analysis/ref_data"
      run ladder dev blot image="$g/ladder_reference_gel.tif" marker_lane=2 marker_sizes=neb_1kb_plus
      run ladder held blot image="$g/overheated_ref.tif" lanes=roi lane_rois="$HERE/splits/overheated_ref.lanes.zip" \
        marker_lane=1 marker_sizes=neb_1kb_plus ;;
    gelquant) # the whole scan, as found and with its 15 lanes per gel given; each crop the authors quantified
      run gelquant whole-auto blot image="$DATA/gelquant/gel-example.png"
      run gelquant whole-15 blot image="$DATA/gelquant/gel-example.png" lanes=15
      for f in "$DATA"/gelquant/crops/crop_*.png; do c=$(basename "$f" .png); c=${c#crop_}
        run gelquant "crop-$c-auto" blot image="$f"
        run gelquant "crop-$c-5" blot image="$f" lanes=5; done ;;
    *) echo "error: set=$set: expected dishes, hd-shifted, counterculture, onepetri, plaques-dev, plaques-held, athenaz2-dev, athenaz2-held, athenaz2-aug, films-dev, films-held, turned, ladder, gelquant or gels" >&2; exit 2 ;;
  esac
done
