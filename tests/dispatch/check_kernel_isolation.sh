#!/usr/bin/env bash
# check_kernel_isolation.sh LIBTFSCHEMA.a: the portable library runs on any
# x86-64 whatever kernel objects it holds (cmake/kernels.cmake):
#  1. each kernel object (tfschema_kernel_<name>.o) defines one global
#     symbol, its entry point, and has no COMDAT groups left: the linker
#     cannot take any of its code for another object's use;
#  2. every other object has no instruction beyond baseline x86-64: no
#     AVX/AVX2/AVX-512 (VEX/EVEX mnemonics, %ymm/%zmm/mask registers), no
#     BMI1/BMI2, LZCNT or POPCNT (tzcnt is allowed: GCC emits `rep bsf`,
#     which runs as bsf on older CPUs and which objdump shows as tzcnt);
#  3. and, so that 2 is known to see what it looks for, the haswell kernel
#     object has instructions it would reject (AVX/BMI: at -O1 there may be
#     no %ymm register) and the icelake one %zmm instructions.
set -euo pipefail
archive=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
ar x "$archive"
[ "$(ar t "$archive" | sort | uniq -d)" = "" ] || { echo "duplicate member names in $archive" >&2; exit 1; }

# The mnemonic (second tab-separated column of objdump's lines) and operands
# of every instruction, as "function: instruction" lines.
instructions() {
  objdump -d --no-show-raw-insn "$1" |
    awk -F'\t' '/^[0-9a-f]+ <.*>:$/ { fn = $0 } NF >= 2 && $1 ~ /^ *[0-9a-f]+:$/ { print fn " " $2 }'
}
beyond_baseline='[[:space:]](v[a-z0-9]+|andn|bextr|blsi|blsmsk|blsr|bzhi|mulx|pdep|pext|rorx|sarx|shlx|shrx|lzcnt|popcnt)[[:space:]]|%[yz]mm[0-9]|%k[0-7]'

failed=0
kernels=0
for object in *.o; do
  case "$object" in
    tfschema_kernel_*.o)
      kernels=$((kernels + 1))
      name=${object#tfschema_kernel_}
      name=${name%.o}
      globals=$(nm -g --defined-only "$object" | awk '{print $3}')
      if [ "$globals" != "tfschema_stream_kernel_$name" ]; then
        echo "FAIL: $object defines global symbols other than its entry point:" >&2
        echo "$globals" | grep -v -x "tfschema_stream_kernel_$name" | head -20 >&2
        failed=1
      fi
      if ! readelf -g "$object" | grep 'There are no section groups' >/dev/null; then
        echo "FAIL: $object still has COMDAT groups" >&2
        failed=1
      fi
      case "$name" in
        haswell) wanted=$beyond_baseline ;;
        icelake) wanted='%zmm[0-9]' ;;
        *) wanted='' ;;
      esac
      if [ -n "$wanted" ] && ! instructions "$object" | grep -E "$wanted" >/dev/null; then
        echo "FAIL: $object has no instruction beyond x86-64 ($wanted): is it compiled for its kernel?" >&2
        failed=1
      fi
      ;;
    *)
      if found=$(instructions "$object" | grep -E "$beyond_baseline"); then
        echo "FAIL: $object (baseline code) has instructions beyond x86-64:" >&2
        echo "$found" | head -20 >&2
        failed=1
      fi
      ;;
  esac
done
[ "$kernels" -ge 2 ] || { echo "FAIL: $kernels kernel object(s) in $archive" >&2; failed=1; }
[ "$failed" = 0 ] && echo "ok: $kernels kernel objects isolated, $(ls ./*.o | wc -l) objects checked"
exit "$failed"
