#!/usr/bin/env bash
# Start-up benchmark (never a ctest): `openness --version` and a one-file `openness classify`
# against a program that loads exactly the shared libraries openness loads and does nothing else
# (bench/noop.cpp, linked here against each library in openness's NEEDED list, --no-as-needed).
# Measured with `hyperfine -N` (no shell in between).
#
#   bash bench/startup.sh [OPENNESS_BINARY] [--runs N]
#
# Default binary: build/openness (build it first: cmake --build build). Prints a Markdown table
# of means and the ratio of each command to the floor; the target is at most 1.5x.
set -euo pipefail
cd "$(dirname "$0")/.."

openness=build/openness
runs=300
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) openness="$1"; shift ;;
  esac
done
command -v hyperfine >/dev/null 2>&1 || { echo "bench/startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -x "$openness" ] || { echo "bench/startup.sh: no program at $openness" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
libs=()
for lib in $(readelf -d "$openness" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  libs+=("-l:$lib")
done
c++ -O2 -o "$work/noop" bench/noop.cpp -Wl,--no-as-needed "${libs[@]}"
if [ "$(readelf -d "$work/noop" | grep NEEDED | sort)" != "$(readelf -d "$openness" | grep NEEDED | sort)" ]; then
  echo "bench/startup.sh: the floor does not load the same libraries as $openness" >&2
  exit 1
fi

one=examples/olmo-2-7b.json
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/startup.json" \
  "$work/noop" "$openness --version" "$openness classify $one --rubric openness@1.0" >&2

python3 - "$work/startup.json" "$openness" "$(nproc)" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["mean"]
print(f"| command | mean (ms) | median (ms) | user + system (ms) | ratio to the floor |")
print("| --- | ---: | ---: | ---: | ---: |")
names = ["floor: a program loading the same libraries", "`--version`", "`classify` of one file"]
for name, r in zip(names, results):
    print(f"| {name} | {r['mean'] * 1e3:.2f} | {r['median'] * 1e3:.2f} | "
          f"{(r['user'] + r['system']) * 1e3:.2f} | {r['mean'] / floor:.2f}x |")
PY
