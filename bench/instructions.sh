#!/usr/bin/env bash
# Batch cost in instructions (never a ctest): valgrind's callgrind counts the instructions a run
# executes, which, unlike wall or CPU time, do not change when other work shares the machine.
# One thread each (--jobs 1), the same corpus, warm cache irrelevant:
#
#   bash bench/instructions.sh [--size 20000] [--seed 1] [--before BINARY] [OPENNESS_BINARY]
#
# Rows: the simdjson floor (the same walk and reads, parsed by simdjson's DOM parser, nothing
# else), then `classify DIR` with --format csv and jsonl under the default rubric and under
# openness@1.0 (the rubric whose verdicts every binary since 0.1 shares), for OPENNESS_BINARY
# (default build-bench/openness) and, with --before, for an older binary on the same corpus
# (the same rows when it has --detail; one older than --detail gets one jsonl row without it,
# its full verdict, to compare with the --detail full row). The corpus is bench/gen_corpus.py's,
# under build-bench/corpus/N as bench/run.sh writes it. Needs valgrind (Debian package valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/common.sh
command -v valgrind >/dev/null 2>&1 || { echo "bench/instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
bench_setup 14 "$@"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Prints the instructions callgrind collected for one run of "$@" (stdout discarded).
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$@" >/dev/null 2>"$work/err" ||
    { cat "$work/err" >&2; exit 1; }
  sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$work/err"
}

floor_ir=$(count "$floor" --simdjson --jobs 1 "$dir")
row() {  # label, instructions
  awk -v label="$1" -v ir="$2" -v n="$size" -v f="$floor_ir" \
    'BEGIN { printf "| %s | %.0f M | %.1f k | %.2f |\n", label, ir / 1e6, ir / n / 1e3, f / ir }'
}
echo "Instructions (callgrind, --jobs 1) over $size manifests from \`bench/gen_corpus.py $size --seed $seed\`, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "| run | instructions | per manifest | share of the simdjson floor |"
echo "| --- | ---: | ---: | ---: |"
row "simdjson floor (\`openness_bench_floor --simdjson\`)" "$floor_ir"
for binary in $before "$openness"; do
  name=$([ "$binary" = "$before" ] && echo "before" || echo "after")
  row "$name: classify --format csv" "$(count "$binary" classify "$dir" --format csv --jobs 1)"
  row "$name: classify --format csv --rubric openness@1.0" \
    "$(count "$binary" classify "$dir" --format csv --jobs 1 --rubric openness@1.0)"
  if ! "$binary" classify --help 2>/dev/null | grep -q -- --detail; then
    row "$name: classify --format jsonl --rubric openness@1.0 (full verdicts)" \
      "$(count "$binary" classify "$dir" --format jsonl --jobs 1 --rubric openness@1.0)"
  else
    row "$name: classify --format jsonl" "$(count "$binary" classify "$dir" --format jsonl --jobs 1)"
    row "$name: classify --format jsonl --rubric openness@1.0 --detail full" \
      "$(count "$binary" classify "$dir" --format jsonl --jobs 1 --rubric openness@1.0 --detail full)"
  fi
done
