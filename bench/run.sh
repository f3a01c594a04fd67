#!/usr/bin/env bash
# Benchmark of batch scoring, measured (never a ctest): `openness classify DIR --format jsonl
# --jobs 2` against the floor (bench/floor.cpp: the same walk, reads and JSON parser on the same
# threads, nothing else) on generated corpora, beside a load reference (the floor program with
# --load: classify's hot-path manifest reader instead of the JSON parser), plus the wall time of
# one `classify` of one file. A second floor, `--simdjson` (the same walk and reads, parsed by
# simdjson's DOM parser and nothing else), is the one `classify --format csv` is measured against.
#
#   bash bench/run.sh [--sizes "100000 1000000"] [--runs 3] [--jobs 2] [--seed 1] [--clean]
#
# Builds Release into build-bench/ (OPENNESS_BENCH_BUILD), writes corpora under
# build-bench/corpus/N/ (OPENNESS_BENCH_CORPORA) unless a finished one is there, runs each
# command once to warm the page cache and then --runs times, and reports the median wall time,
# manifests/s, the peak RSS (from /usr/bin/time) and the ratio to the floor. --clean deletes the
# corpora afterwards (1,000,000 manifests take about 5 GB). Results also go to
# build-bench/results.md. Run as root, it installs what is missing (time, hyperfine) with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="100000 1000000"
runs=3
jobs=2
seed=1
clean=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes|--runs|--jobs|--seed) printf -v "${1#--}" '%s' "$2"; shift 2 ;;  # sets $sizes, ...
    --clean) clean=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
build="${OPENNESS_BENCH_BUILD:-build-bench}"
corpora="${OPENNESS_BENCH_CORPORA:-$build/corpus}"

# Tools: /usr/bin/time for peak RSS (Debian package "time"), hyperfine for the one-file run.
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # hyperfine is optional (a loop stands in for it), so a failure to install it is not fatal.
  for p in "${missing[@]}"; do
    apt-get install -y -qq --no-install-recommends "$p" >/dev/null || echo "bench: no $p" >&2
  done
fi
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
bash scripts/deps.sh

echo "bench: building Release in $build" >&2
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DOPENNESS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target openness openness_bench_floor >/dev/null
openness="$build/openness"
floor="$build/bench/openness_bench_floor"

results="$build/results.md"
log="$build/results.log"
: >"$log"

median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# CPU pressure over the last minute (share of time some task waited for a CPU): other work on
# the machine slows every wall-clock figure, so the results say how busy it was.
pressure() { sed -n 's/^some avg10=[0-9.]* avg60=\([0-9.]*\).*/\1%/p' /proc/pressure/cpu 2>/dev/null || echo "?"; }

# Runs "$@" once to warm the cache, then $runs times, writing its stdout to $1 and naming the
# runs $2 in the log; prints "median_wall_s median_cpu_s max_rss_kib" (CPU: user + system).
measure() {
  local out=$1 label=$2; shift 2
  local walls=() cpus=() rss=0 t
  "$@" >"$out" 2>>"$log"
  for _ in $(seq "$runs"); do
    t=$(mktemp)
    /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$out" 2>>"$log"
    read -r wall user sys kib <"$t"
    rm -f "$t"
    echo "  $label: ${wall}s wall, ${user}s user, ${sys}s sys, ${kib} KiB, cpu pressure $(pressure)" >>"$log"
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')")
    [ "$kib" -gt "$rss" ] && rss=$kib
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $rss"
}

{
  echo "# openness benchmark"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -r)"
  echo "- load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg), CPU pressure (avg60) $(pressure) (the machine may be shared: other work slows the wall-clock figures; the CPU columns are less sensitive to it)"
  echo "- compiler: $(c++ --version | head -1)"
  echo "- $runs timed runs per row after one warm-up run (warm page cache); median wall and CPU (user + system) time, highest peak RSS"
  echo "- classify: \`$openness classify DIR --format jsonl --jobs $jobs >/dev/null\`"
  echo "- floor: \`$floor --jobs $jobs DIR\` (walk + read + parse_json, prints a count)"
  echo "- simdjson floor: \`$floor --simdjson --jobs $jobs DIR\` (walk + read + simdjson's DOM parser, prints a count); \`classify DIR --format csv\` is measured against it"
  echo "- load (reference, not the floor): \`$floor --load --jobs $jobs DIR\` (walk + read + classify's one-pass manifest reader; no scoring, no output)"
  echo
  echo "| corpus | program | wall (s) | manifests/s | CPU (s) | manifests per CPU-s | peak RSS (MiB) | share of floor (wall) | share of floor (CPU) |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$results"
cat "$results"

for n in $sizes; do
  dir="$corpora/$n"
  if ! grep -qx "manifests $n" "$dir/CORPUS" 2>/dev/null || ! grep -qx "seed $seed" "$dir/CORPUS"; then
    echo "bench: writing $n manifests to $dir (seed $seed)" >&2
    rm -rf "$dir"
    python3 bench/gen_corpus.py "$n" "$dir" --seed "$seed"
  fi
  out=$(mktemp)
  read -r floor_wall floor_cpu floor_rss < <(measure "$out" "floor $n" "$floor" --jobs "$jobs" "$dir")
  [ "$(cat "$out")" = "$n" ] || { echo "bench: the floor counted $(cat "$out"), not $n" >&2; exit 1; }
  read -r load_wall load_cpu load_rss < <(measure "$out" "load $n" "$floor" --load --jobs "$jobs" "$dir")
  [ "$(cat "$out")" = "$n" ] || { echo "bench: the load reference read $(cat "$out"), not $n" >&2; exit 1; }
  read -r simd_wall simd_cpu simd_rss < <(measure "$out" "simdjson floor $n" "$floor" --simdjson --jobs "$jobs" "$dir")
  [ "$(cat "$out")" = "$n" ] || { echo "bench: the simdjson floor parsed $(cat "$out"), not $n" >&2; exit 1; }
  read -r wall cpu rss < <(measure /dev/null "classify $n" "$openness" classify "$dir" --format jsonl --jobs "$jobs")
  read -r csv_wall csv_cpu csv_rss < <(measure /dev/null "classify csv $n" "$openness" classify "$dir" --format csv --jobs "$jobs")
  rm -f "$out"
  python3 - "$n" "$floor_wall" "$floor_cpu" "$floor_rss" "$load_wall" "$load_cpu" "$load_rss" \
      "$wall" "$cpu" "$rss" "$simd_wall" "$simd_cpu" "$simd_rss" "$csv_wall" "$csv_cpu" "$csv_rss" \
      >>"$results" <<'EOF'
import sys
n = int(sys.argv[1])
fw, fc, fr, lw, lc, lr, cw, cc, cr, sw, sc, sr, vw, vc, vr = (float(a) for a in sys.argv[2:])
rate = lambda s: n / s if s > 0 else float("inf")
row = "| %s | %s | %.2f | %.0f | %.2f | %.0f | %.1f | %s | %s |"
share = lambda a, b: "%.0f%%" % (100 * a / b)
print(row % (f"{n:,}", "floor", fw, rate(fw), fc, rate(fc), fr / 1024, "100%", "100%"))
print(row % (f"{n:,}", "load (reference)", lw, rate(lw), lc, rate(lc), lr / 1024,
             share(fw, lw), share(fc, lc)))
print(row % (f"{n:,}", "classify", cw, rate(cw), cc, rate(cc), cr / 1024,
             share(fw, cw), share(fc, cc)))
print(row % (f"{n:,}", "simdjson floor (DOM)", sw, rate(sw), sc, rate(sc), sr / 1024, "-", "-"))
print(row % (f"{n:,}", "classify --format csv, against the simdjson floor", vw, rate(vw), vc,
             rate(vc), vr / 1024, share(sw, vw), share(sc, vc)))
EOF
  tail -5 "$results"
done

# One manifest, start to finish: process start, rubric load, scoring, text output.
one=(examples/olmo-2-7b.json)
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 20 --runs 300 --export-json "$build/single.json" \
    "$openness classify ${one[*]}" >>"$log" 2>&1
  single=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f ms mean, %.2f ms median, %.2f ms min, %.2f ms user + system (hyperfine, 300 runs)" % (r["mean"]*1e3, r["median"]*1e3, r["min"]*1e3, (r["user"]+r["system"])*1e3))' "$build/single.json")
else
  start=$(date +%s%N)
  for _ in $(seq 300); do "$openness" classify "${one[@]}" >/dev/null; done
  single=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN {printf "%.2f ms mean (loop of 300 runs)", ns / 300 / 1e6}')
fi
{
  echo
  echo "Single manifest: \`$openness classify ${one[*]}\`: $single"
} | tee -a "$results"

if [ "$clean" -eq 1 ]; then
  for n in $sizes; do rm -rf "${corpora:?}/$n"; done
fi
echo >&2
echo "bench: results in $results, per-run times in $log" >&2
