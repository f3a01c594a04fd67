#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run the whole test suite.
#   --sanitize   the same in build-asan/, built with AddressSanitizer and UndefinedBehaviorSanitizer
#                (a Debug build, so assertions stay on too); a leak, a memory error or undefined
#                behaviour ends the process with a report and a non-zero exit, and fails the test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
dir=build
options=(-DCMAKE_BUILD_TYPE=Release)
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  options=(-DCMAKE_BUILD_TYPE=Debug -DOPENNESS_SANITIZE=ON)
fi
werror=OFF
[ -n "${CI:-}" ] && werror=ON
cmake -S . -B "$dir" "${options[@]}" -DOPENNESS_WERROR="$werror" >/dev/null
cmake --build "$dir" -j"$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)"
