#!/usr/bin/env bash
# Start-up benchmark (never a ctest): `openness --version` and a one-file `openness classify`
# against a program that loads exactly the shared libraries openness loads and does nothing else
# (bench/noop.cpp, linked here against each library in openness's NEEDED list, --no-as-needed).
# Measured with `hyperfine -N` (no shell in between).
#
#   bash bench/startup.sh [OPENNESS_BINARY ...] [--runs N] [--rounds R]
#
# Default binary: build/openness (build it first: cmake --build build). With several binaries
# (say the one before a change and the one after), all are measured in the same minutes: R
# rounds (default 5), each running every command N/R times, so a busy minute hits all alike.
# Prints a Markdown table (mean and median wall time, CPU time as hyperfine reports it: user +
# system, and the ratio of each to the floor) and the load average before and after; the
# target is at most 1.5x.
set -euo pipefail
cd "$(dirname "$0")/.."

binaries=()
runs=300
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) binaries+=("$1"); shift ;;
  esac
done
[ ${#binaries[@]} -gt 0 ] || binaries=(build/openness)
command -v hyperfine >/dev/null 2>&1 || { echo "bench/startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
for openness in "${binaries[@]}"; do
  [ -x "$openness" ] || { echo "bench/startup.sh: no program at $openness" >&2; exit 1; }
done
per_round=$(( (runs + rounds - 1) / rounds ))

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
needed() { readelf -d "$1" | grep NEEDED | sort; }
libs=()
for lib in $(readelf -d "${binaries[0]}" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  libs+=("-l:$lib")
done
c++ -O2 -o "$work/noop" bench/noop.cpp -Wl,--no-as-needed "${libs[@]}"
for openness in "${binaries[@]}"; do
  if [ "$(needed "$work/noop")" != "$(needed "$openness")" ]; then
    echo "bench/startup.sh: the floor does not load the same libraries as $openness" >&2
    exit 1
  fi
done

one=examples/olmo-2-7b.json
commands=("$work/noop")
for openness in "${binaries[@]}"; do
  commands+=("$openness --version" "$openness classify $one --rubric openness@1.0"
             "$openness classify $one")
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  hyperfine -N --warmup 5 --runs "$per_round" --export-json "$work/round-$round.json" \
    "${commands[@]}" >/dev/null 2>&1
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" "$rounds" "${binaries[@]}" <<'PY'
import json, statistics, sys
work, rounds, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rows = None
for r in range(1, rounds + 1):
    results = json.load(open(f"{work}/round-{r}.json"))["results"]
    if rows is None:
        rows = [{"times": [], "cpu": []} for _ in results]
    for row, result in zip(rows, results):
        row["times"] += result["times"]
        row["cpu"] += [result["user"] + result["system"]] * len(result["times"])
names = ["floor: a program loading the same libraries"]
for binary in binaries:
    names += [f"`{binary} --version`", f"`{binary} classify` of one file, `--rubric openness@1.0`",
              f"`{binary} classify` of one file, default rubric"]
floor_mean = statistics.mean(rows[0]["times"])
floor_cpu = statistics.mean(rows[0]["cpu"])
print(f"{len(rows[0]['times'])} runs per command in {rounds} rounds")
print()
print("| command | mean (ms) | median (ms) | user + system (ms) | ratio to the floor (mean) | ratio to the floor (CPU) |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name, row in zip(names, rows):
    mean = statistics.mean(row["times"])
    cpu = statistics.mean(row["cpu"])
    print(f"| {name} | {mean * 1e3:.2f} | {statistics.median(row['times']) * 1e3:.2f} | "
          f"{cpu * 1e3:.2f} | {mean / floor_mean:.2f}x | {cpu / floor_cpu:.2f}x |")
PY
