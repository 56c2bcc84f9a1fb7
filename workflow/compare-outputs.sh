#!/usr/bin/env bash
# Compares two AssayQuant experiment output folders: the experiment run alone (A) and the workflow's (B).
#   workflow/compare-outputs.sh A B [JOBS]
# Same file tree; every file byte for byte, except the ones that name their own folder: run.csv,
# batch.csv and failures.csv are compared with each folder's path replaced by OUT; the top run.csv
# also with the workflow's parameter.jobs row (where the image results came from, JOBS) emptied;
# report.html with the path replaced and its time stamp removed; the manifest (.assayquant-files,
# checksums of those files) is left out. Prints one line per file and exits 1 on any difference.
set -euo pipefail
a=$(cd "$1" && pwd -P)
b=$(cd "$2" && pwd -P)
jobs=${3:-}
tree() { (cd "$1" && find . -mindepth 1 | LC_ALL=C sort); }
if ! diff <(tree "$a") <(tree "$b") >/dev/null; then
    echo "different file trees:"
    diff <(tree "$a") <(tree "$b") || true
    exit 1
fi
same=0 named=0 differ=0
while IFS= read -r f; do
    [ -f "$a/$f" ] || continue
    case "$(basename "$f")" in
        .assayquant-files) continue ;;
        run.csv | batch.csv | failures.csv | report.html)
            x=$(sed "s#$a#OUT#g" "$a/$f")
            y=$(sed "s#$b#OUT#g" "$b/$f")
            if [ "$f" = "./run.csv" ] && [ -n "$jobs" ]; then y=$(printf '%s\n' "$y" | sed "s#^parameter.jobs,$jobs\$#parameter.jobs,#"); fi
            if [ "$f" = "./report.html" ]; then
                x=$(printf '%s\n' "$x" | sed -E 's/generated [0-9T:+Z-]+/generated/')
                y=$(printf '%s\n' "$y" | sed -E 's/generated [0-9T:+Z-]+/generated/')
            fi
            if [ "$x" = "$y" ]; then named=$((named + 1)); else echo "DIFFERS (paths aside) $f"; differ=$((differ + 1)); fi
            ;;
        *)
            if cmp -s "$a/$f" "$b/$f"; then same=$((same + 1)); else echo "DIFFERS $f"; differ=$((differ + 1)); fi
            ;;
    esac
done < <(tree "$a")
echo "$same files byte-identical, $named equal with the output folder's path (and time stamp) aside, $differ different"
[ "$differ" -eq 0 ]
