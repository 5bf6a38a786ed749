#!/usr/bin/env bash
# Usage: bench/exporter/run.sh [CLIENTS=1000] [PRODUCTS=1000] [XMX=96m] [README] [FORMATS;FORMATS…]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
source dev/jdk.sh && pick_jdk
./mvnw -B -q -pl price-exporter -Dmaven.test.skip=true package
./mvnw -B -q -pl price-exporter dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
CP="price-exporter/target/classes:$(cat price-exporter/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" bench/exporter/ExporterBench.java "${1:-1000}" "${2:-1000}" "${3:-96m}" "${@:4}"
