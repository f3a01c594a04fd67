#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and classify the bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
mkdir -p build
# Build quietly; show the log only when the build fails.
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release &&
       cmake --build build --target openness -j"$(nproc)"; } >build/quickstart.log 2>&1; then
  cat build/quickstart.log >&2
  exit 1
fi
# Exit 0 whatever the tiers are: this shows verdicts; --min-tier turns it into a gate.
./build/openness classify examples/
