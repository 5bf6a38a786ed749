#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-aggregate/run.sh [RECORDS=400000] [GROUPS=10000] [ROUNDS=1]
# Environment: BENCH_MODES (runs to do), BENCH_LATENCY_RATE, BENCH_LATENCY_SECONDS (live feed); see README.md.
# Everything listens on loopback only; each run is bounded in time (a throughput run 5 min) and prints a live rate.
source "$(dirname "$0")/../lib.sh"
bench_stage_env
bench_classpath stage-aggregate
exec "$JAVA_HOME/bin/java" -Xmx3g -Dlogback.configurationFile=bench/stage-aggregate/logback-bench.xml -cp "$CP" \
  bench/stage-aggregate/AggregateBench.java "$CP" "${1:-400000}" "${2:-10000}" "${3:-1}"
