#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-filter/run.sh [RECORDS=200000] [RULE_CHANGES=50] [ROUNDS=2]
# Everything listens on loopback only; each run is bounded (4 min) and prints a live rate.
source "$(dirname "$0")/../lib.sh"
bench_stage_env
bench_classpath stage-filter
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-filter/logback-bench.xml -cp "$CP" \
  bench/stage-filter/FilterBench.java "$CP" "${1:-200000}" "${2:-50}" "${3:-2}"
