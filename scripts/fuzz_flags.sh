#!/usr/bin/env bash
# fuzz_flags.sh OUT TARGET: the libFuzzer flags of OUT/TARGET.options (what ClusterFuzz reads:
# "key = value" lines of its [libfuzzer] section), one a line, as -key=value; the dictionary
# path made absolute. scripts/fuzz.sh and scripts/fuzz_campaign.sh run the targets with them.
set -euo pipefail
out=$1 target=$2
in_section=0
while IFS= read -r line; do
  case $line in
    '['*']') [ "$line" = '[libfuzzer]' ] && in_section=1 || in_section=0; continue ;;
  esac
  [ $in_section -eq 1 ] || continue
  [[ $line =~ ^([a-z_]+)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
  key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
  [ "$key" = dict ] && value="$out/$value"
  echo "-$key=$value"
done < "$out/$target.options"
