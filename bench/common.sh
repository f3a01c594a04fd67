# Sourced (never run) by bench/instructions.sh and bench/interleave.sh: their options, and the
# programs and corpus they measure, built and written when missing.
#
# bench_setup LAST_HELP_LINE ARGS...: reads the options (--size N, --seed N, --rounds N,
# --jobs N, --args "CLASSIFY ARGS", --before BINARY, a binary to measure; -h prints lines 2 to
# LAST_HELP_LINE of the script), then sets `floor` ($OPENNESS_BENCH_BUILD/bench/
# openness_bench_floor, default build-bench/), `openness` (default the build's) and `dir` (the
# corpus, bench/gen_corpus.py's under $OPENNESS_BENCH_CORPORA/N, default build-bench/corpus/N).
size=20000
seed=1
rounds=9
jobs=2
args="--format csv"
before=""
build="${OPENNESS_BENCH_BUILD:-build-bench}"
openness="$build/openness"

bench_setup() {
  local help_lines="$1"
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --size) size="$2"; shift 2 ;;
      --seed) seed="$2"; shift 2 ;;
      --rounds) rounds="$2"; shift 2 ;;
      --jobs) jobs="$2"; shift 2 ;;
      --args) args="$2"; shift 2 ;;
      --before) before="$2"; shift 2 ;;
      -h|--help) sed -n "2,${help_lines}p" "$0"; exit 0 ;;
      *) openness="$1"; shift ;;
    esac
  done
  floor="$build/bench/openness_bench_floor"
  if [ ! -x "$openness" ] || [ ! -x "$floor" ]; then
    echo "bench: building Release in $build" >&2
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DOPENNESS_BUILD_TESTS=OFF >/dev/null
    cmake --build "$build" -j2 --target openness openness_bench_floor >/dev/null
  fi
  dir="${OPENNESS_BENCH_CORPORA:-$build/corpus}/$size"
  if ! grep -qx "manifests $size" "$dir/CORPUS" 2>/dev/null || ! grep -qx "seed $seed" "$dir/CORPUS"; then
    echo "bench: writing $size manifests to $dir (seed $seed)" >&2
    rm -rf "$dir"
    python3 bench/gen_corpus.py "$size" "$dir" --seed "$seed"
  fi
}
