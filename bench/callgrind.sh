#!/usr/bin/env bash
# bench/callgrind.sh BUILD/bench/tfschema_bench_driver [OUT.md]
#
# Instruction counts per validation (valgrind --tool=callgrind) of
# tfschema_is_valid against simdjson_walk, the SPEC §5 limit, on the small,
# medium, large and unicode bodies, and the top functions of each, for whoever
# optimises the fast path. Instruction counts are exact and do not depend on
# the machine's load, unlike times; they are not times either (a SIMD
# instruction counts one, a cache miss nothing).
#
# Only the driver's timed loop is collected (--collect-atstart=no plus the
# driver's CALLGRIND_TOGGLE_COLLECT), after one warm-up validation.
# Environment: SUBJECTS, BODIES (space-separated) and ITERATIONS_<body>
# override the defaults; KEEP=DIR keeps the callgrind.out files there.
set -euo pipefail
driver=${1:?usage: $0 BUILD/bench/tfschema_bench_driver [OUT.md]}
root=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$root/docs/callgrind.md}
subjects=${SUBJECTS:-"tfschema_is_valid simdjson_walk"}
bodies=${BODIES:-"small medium large unicode"}
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 2; }
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

iterations_for() {
  local var="ITERATIONS_$1"
  case $1 in
    large) echo "${!var:-100}" ;;
    *) echo "${!var:-2000}" ;;
  esac
}

# Total Ir of a callgrind output file (its "totals:" or "summary:" line).
total_ir() { awk '/^(totals|summary):/ { print $2; exit }' "$1"; }

# The 15 costliest functions, names shortened so that the templates fit.
top_functions() {
  callgrind_annotate --auto=no --inclusive="$2" --threshold=99.5 "$1" 2>/dev/null |
    awk '/^Ir +file:function/ { on = 1; getline; next } on && NF' |
    grep -vE '__libc_start_main|\(below main\)|:main |0x[0-9a-f]{8,}' | awk 'NR <= 15' |
    sed -E 's/\?\?\?://; s#\./[^ ]*/##; s# \[[^]]*/(lib[a-z]+)[^]]*\]# [\1]#; s# \[[^]]*tfschema_bench_driver\]##' |
    sed -E 's/tfschema::walk::StreamWalker/StreamWalker/g; s/tfschema::(rules|walk|detail|bench)::|simdjson::haswell::|simdjson::|tfschema::/ /g;
            s/std::basic_string_view<char, std::char_traits<char> >/string_view/g; s/  +/ /g; s/< /</g; s/\( /(/g; s/, /,/g' |
    cut -c1-170
}

{
  echo "# Instruction counts (callgrind)"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) with $(valgrind --version), driver \`$(basename "$driver")\`, built"
  echo "from tree $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown) (\`-dirty\`: uncommitted changes);"
  echo "instructions (Ir) per validation = Ir of the loop / iterations. Regenerate with"
  echo "\`bench/callgrind.sh BUILD/bench/tfschema_bench_driver\`."
  echo
  printf '| body | iterations |'
  for s in $subjects; do printf ' `%s` Ir/iter |' "$s"; done
  first=${subjects%% *}
  last=${subjects##* }
  printf ' %s / %s |\n|---|---:|' "$first" "$last"
  for s in $subjects; do printf -- '---:|'; done
  printf -- '---:|\n'
} >"$out.tmp"

details=""
for body in $bodies; do
  n=$(iterations_for "$body")
  printf '| %s | %s |' "$body" "$n" >>"$out.tmp"
  declare -A per_iter=()
  for s in $subjects; do
    file="$work/callgrind.$s.$body.out"
    valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$file" \
      "$driver" "$s" "$body" "$n" >"$work/$s.$body.log" 2>&1 || {
      cat "$work/$s.$body.log" >&2
      exit 1
    }
    ir=$(total_ir "$file")
    per_iter[$s]=$((ir / n))
    printf ' %s |' "${per_iter[$s]}" >>"$out.tmp"
    for inclusive in no yes; do
      [ "$inclusive" = no ] && kind="self" || kind="inclusive"
      details+=$'\n'"## \`$s\` on $body: top functions by $kind Ir ($n iterations)"$'\n\n```\n'
      details+=$(top_functions "$file" "$inclusive")
      details+=$'\n```\n'
    done
  done
  awk -v a="${per_iter[$first]}" -v b="${per_iter[$last]}" 'BEGIN { printf " %.2f |\n", a / b }' >>"$out.tmp"
  unset per_iter
done
printf '%s\n' "$details" >>"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
