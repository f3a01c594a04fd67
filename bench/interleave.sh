#!/usr/bin/env bash
# Batch time against the simdjson floor, interleaved (never a ctest): the floor and each binary's
# `classify DIR ARGS` run one after another, round after round, in the same minutes, so work that
# shares the machine weighs on them alike. Prints medians of wall and CPU time (user + system, all
# threads) and each run's share of the floor (floor / run: 1.00 is the floor's speed).
#
#   bash bench/interleave.sh [--size 20000] [--seed 1] [--rounds 9] [--jobs 2]
#                            [--args "--format csv"] [--before BINARY] [OPENNESS_BINARY]
#
# The floor is openness_bench_floor --simdjson (the same walk and reads, parsed by simdjson's DOM
# parser, nothing else); programs and corpus as bench/instructions.sh finds them (bench/common.sh).
# Each command runs once before the first round to warm the page cache. Needs /usr/bin/time
# (Debian package time). The load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/common.sh
[ -x /usr/bin/time ] || { echo "bench/interleave.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
bench_setup 13 "$@"
[ -z "$before" ] || [ -x "$before" ] || { echo "bench/interleave.sh: $before is not an executable" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
names=(floor)
commands=("$floor --simdjson --jobs $jobs $dir")
if [ -n "$before" ]; then
  names+=(before)
  commands+=("$before classify $dir $args --jobs $jobs")
fi
names+=(after)
commands+=("$openness classify $dir $args --jobs $jobs")

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!commands[@]}"; do
  ${commands[$i]} >/dev/null 2>&1 || true  # warm the page cache
done
for round in $(seq "$rounds"); do
  for i in "${!commands[@]}"; do
    # wall, user + system; the run's output is discarded, its exit status ignored (a gate may fail)
    /usr/bin/time -f "%e %U %S" -o "$work/t" ${commands[$i]} >/dev/null 2>&1 || true
    awk -v name="${names[$i]}" '{ printf "%s %s %.2f\n", name, $1, $2 + $3 }' "$work/t" >> "$work/all"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() {  # name, column (2 wall, 3 CPU)
  awk -v name="$1" -v col="$2" '$1 == name { print $col }' "$work/all" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
floor_wall=$(median floor 2)
floor_cpu=$(median floor 3)
echo
echo "$size manifests, --jobs $jobs, classify args: $args; medians of $rounds interleaved rounds"
echo
echo "| run | wall (s) | CPU (s) | share of the floor (wall / CPU) |"
echo "| --- | ---: | ---: | ---: |"
for i in "${!commands[@]}"; do
  wall=$(median "${names[$i]}" 2)
  cpu=$(median "${names[$i]}" 3)
  awk -v n="${names[$i]}" -v w="$wall" -v c="$cpu" -v fw="$floor_wall" -v fc="$floor_cpu" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.2f / %.2f |\n", n, w, c, fw / w, fc / c }'
done
