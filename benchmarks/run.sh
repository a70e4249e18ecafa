#!/usr/bin/env bash
# Builds zenoo-cache and the benchmarks, runs JMH, writes jmh-result.json and results.md.
# Every knob is an environment variable; anything after the script name goes to JMH as is.
#
#   ./run.sh                                   full run (sized for < 15 min on 2 cores)
#   FORKS=1 WARMUP_ITERATIONS=1 ITERATIONS=1 ./run.sh            quick check (~5 min)
#   BENCH='MemoryCache1T.getHit' PROVIDERS=zenoo,caffeine ./run.sh   a slice
#   ./run.sh -p storeByValue=false             extra JMH options
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

FORKS="${FORKS:-2}"                       # JMH -f
WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-2}" # JMH -wi
WARMUP_TIME="${WARMUP_TIME:-1s}"          # JMH -w
ITERATIONS="${ITERATIONS:-3}"             # JMH -i
ITERATION_TIME="${ITERATION_TIME:-1s}"    # JMH -r
BENCH="${BENCH:-io.zenoo.bench.}"         # JMH include regex
PROVIDERS="${PROVIDERS:-}"                # e.g. zenoo,caffeine (empty: each class's own list)
RESULT_JSON="${RESULT_JSON:-$here/jmh-result.json}"
RESULT_MD="${RESULT_MD:-$here/results.md}"
JMH_LOG="${JMH_LOG:-$here/jmh-output.log}"
SKIP_ROOT_BUILD="${SKIP_ROOT_BUILD:-0}"   # 1: use the zenoo-cache already in ~/.m2

if [ "$SKIP_ROOT_BUILD" != 1 ]; then
  echo ">> building zenoo-cache (mvn install -DskipTests -DskipTck)"
  mvn -B -q -f ../pom.xml install -DskipTests -DskipTck
fi
echo ">> building benchmarks/target/benchmarks.jar"
mvn -B -q -f pom.xml package -DskipTests

jmh=(-f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME"
     -rf json -rff "$RESULT_JSON")
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
jdk="$(java -version 2>&1 | head -n 1)"
note="Run $(date -u '+%Y-%m-%d %H:%M UTC'), ${jdk}, $(nproc) cores, JMH \`-f $FORKS -wi $WARMUP_ITERATIONS -w $WARMUP_TIME -i $ITERATIONS -r $ITERATION_TIME${PROVIDERS:+ -p provider=$PROVIDERS}${*:+ $*}\`, include \`$BENCH\`, JMH took ${elapsed} s."
java -cp target/benchmarks.jar io.zenoo.bench.ResultsTable "$RESULT_JSON" "$RESULT_MD" "$note"
echo ">> JMH took ${elapsed} s; results: $RESULT_MD"
if [ "$failures" != 0 ]; then
  echo ">> JMH reported $failures failed iteration(s); those rows are missing from the table, see $JMH_LOG" >&2
  exit 1
fi
