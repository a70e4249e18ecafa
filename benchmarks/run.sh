#!/usr/bin/env bash
# Builds zenoo-cache and the benchmarks, runs JMH, writes jmh-result.json and results.md.
# Every knob is an environment variable; anything after the script name goes to JMH as is.
#
#   ./run.sh                                   full run, memory and Redis (sized for < 15 min on 2 cores)
#   BENCH=redis ./run.sh                       the Redis benchmarks only (about 3 min)
#   BENCH=memory ./run.sh                      the in-memory benchmarks only
#   FORKS=1 WARMUP_ITERATIONS=1 ITERATIONS=1 ./run.sh            quick check (~6 min)
#   BENCH='MemoryCache1T.getHit' PROVIDERS=zenoo,caffeine ./run.sh   a slice
#   ./run.sh -p storeByValue=false             extra JMH options
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# Sizing: unset means each benchmark class's own default (in-memory: CacheBenchmark, 2 forks x
# (1 + 3) iterations of 1 s; Redis: RedisBenchmark, 1 fork x (2 + 3) iterations of 1 s); set, it
# applies to every selected benchmark.
FORKS="${FORKS:-}"                        # JMH -f
WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-}" # JMH -wi
WARMUP_TIME="${WARMUP_TIME:-}"            # JMH -w
ITERATIONS="${ITERATIONS:-}"              # JMH -i
ITERATION_TIME="${ITERATION_TIME:-}"      # JMH -r
BENCH="${BENCH:-io.zenoo.bench.}"         # JMH include regex, or one of the selections below
PROVIDERS="${PROVIDERS:-}"                # e.g. zenoo,caffeine (empty: each class's own list)
RESULT_JSON="${RESULT_JSON:-$here/jmh-result.json}"
RESULT_MD="${RESULT_MD:-$here/results.md}"
JMH_LOG="${JMH_LOG:-$here/jmh-output.log}"
REDIS_BENCHMARK_OUT="${REDIS_BENCHMARK_OUT:-$here/target/redis-benchmark.md}"
SKIP_ROOT_BUILD="${SKIP_ROOT_BUILD:-0}"   # 1: use the zenoo-cache (jar and test-jar) already in ~/.m2

case "$BENCH" in
  all)    BENCH='io.zenoo.bench.' ;;
  memory) BENCH='io.zenoo.bench.(MemoryCache|AccessedExpiry)' ;;
  redis)  BENCH='io.zenoo.bench.Redis' ;;
esac

if [ "$SKIP_ROOT_BUILD" != 1 ]; then
  echo ">> building zenoo-cache (mvn install -DskipTests -DskipTck: the jar and the test-jar with the Redis test kit)"
  mvn -B -q -f ../pom.xml install -DskipTests -DskipTck
fi
echo ">> building benchmarks/target/benchmarks.jar"
mvn -B -q -f pom.xml package -DskipTests

jmh=()
sizing=()
[ -n "$FORKS" ] && sizing+=(-f "$FORKS")
[ -n "$WARMUP_ITERATIONS" ] && sizing+=(-wi "$WARMUP_ITERATIONS")
[ -n "$WARMUP_TIME" ] && sizing+=(-w "$WARMUP_TIME")
[ -n "$ITERATIONS" ] && sizing+=(-i "$ITERATIONS")
[ -n "$ITERATION_TIME" ] && sizing+=(-r "$ITERATION_TIME")
jmh+=(${sizing[@]+"${sizing[@]}"} -rf json -rff "$RESULT_JSON")
if [ -n "$PROVIDERS" ]; then
  jmh+=(-p "provider=$PROVIDERS")
fi

echo ">> java -jar target/benchmarks.jar $BENCH ${jmh[*]} $*"
rm -f "$RESULT_JSON"
start=$(date +%s)
java -jar target/benchmarks.jar "$BENCH" "${jmh[@]}" "$@" 2>&1 | tee "$JMH_LOG"
elapsed=$(( $(date +%s) - start ))
# JMH goes on after a failing benchmark (e.g. zenoo selected but not built) and exits 0
failures=$(grep -c '<failure>' "$JMH_LOG" || true)

if [ ! -s "$RESULT_JSON" ]; then
  echo "JMH wrote no results to $RESULT_JSON" >&2
  exit 1
fi

# Redis rows: the server's own pipelined throughput beside them, if redis-benchmark is there
rm -f "$REDIS_BENCHMARK_OUT"
if grep -q '"io.zenoo.bench.Redis' "$RESULT_JSON"; then
  echo ">> redis-benchmark -q -t get,set -d 100 -c 1|50 -P 16 (if available next to redis-server)"
  java -cp target/benchmarks.jar io.zenoo.bench.RedisBaseline "$REDIS_BENCHMARK_OUT" \
    || echo ">> RedisBaseline failed; results.md says redis-benchmark was not run" >&2
fi

jdk="$(java -version 2>&1 | head -n 1)"
if [ ${#sizing[@]} -eq 0 ]; then
  sizing_note="each class's default sizing (memory \`-f 2 -wi 1 -i 3\`, Redis \`-f 1 -wi 2 -i 3\`, 1 s iterations)"
else
  sizing_note="JMH \`${sizing[*]}\`"
fi
note="Run $(date -u '+%Y-%m-%d %H:%M UTC'), ${jdk}, $(nproc) cores, ${sizing_note}${PROVIDERS:+, \`-p provider=$PROVIDERS\`}${*:+, \`$*\`}, include \`$BENCH\`, JMH took ${elapsed} s."
java -cp target/benchmarks.jar io.zenoo.bench.ResultsTable "$RESULT_JSON" "$RESULT_MD" "$note" "$REDIS_BENCHMARK_OUT"
# in-memory rows: the eviction policies' hit rate on one Zipfian trace at the same bound (counted, not timed)
if grep -q '"io.zenoo.bench.MemoryCache' "$RESULT_JSON"; then
  echo ">> hit rate on a Zipfian trace (io.zenoo.bench.HitRate)"
  hit_rate="$here/target/hit-rate.md"
  if java -cp target/benchmarks.jar io.zenoo.bench.HitRate "$hit_rate"; then
    { printf '\n## Hit rate at equal max_size\n\n'; cat "$hit_rate"; } >> "$RESULT_MD"
  else
    echo ">> HitRate failed; results.md has no hit-rate table" >&2
  fi
fi
echo ">> JMH took ${elapsed} s; results: $RESULT_MD"
if [ "$failures" != 0 ]; then
  echo ">> JMH reported $failures failed iteration(s); those rows are missing from the table, see $JMH_LOG" >&2
  exit 1
fi
