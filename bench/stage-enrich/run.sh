#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-enrich/run.sh [RECORDS=60000]
# Everything listens on loopback; each run is bounded (4 min) and prints its progress.
source "$(dirname "$0")/../lib.sh"
bench_stage_env
bench_classpath stage-enrich
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-enrich/logback-bench.xml -cp "$CP" \
  bench/stage-enrich/EnrichBench.java "$CP" "${1:-60000}"
