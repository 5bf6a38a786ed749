#!/usr/bin/env bash
# Usage (from the repository root):
#   bench/stage-dedupe/run.sh [RECORDS=300000] [EXPECTED_KEYS_PER_WINDOW=1000000] [RESTORE_KEYS=1000000]
# Everything listens on loopback only; each candidate run is bounded (4 min) and prints a live rate.
source "$(dirname "$0")/../lib.sh"
bench_stage_env
bench_classpath stage-dedupe
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-dedupe/logback-bench.xml -cp "$CP" \
  bench/stage-dedupe/DedupeBench.java "$CP" "${1:-300000}" "${2:-1000000}" "${3:-1000000}"
