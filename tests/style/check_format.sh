#!/usr/bin/env bash
# The C++ sources are clean against the checked-in .clang-format.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' 2>/dev/null || find src include tests bench fuzz reference examples -name '*.[ch]pp' 2>/dev/null)
clang-format --dry-run --Werror "${files[@]}"
echo "clang-format: ${#files[@]} files clean"
