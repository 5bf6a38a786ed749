#!/usr/bin/env bash
# Usage: bench/exporter/run.sh [CLIENTS=1000] [PRODUCTS=1000] [XMX=96m] [README] [FORMATS;FORMATS…]   (from the repository root)
source "$(dirname "$0")/../lib.sh"
# The exporter JVMs run from the jar (the JVM's AOT cache only takes jars), the driver with the test classpath.
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl price-exporter -am -Dmaven.test.skip=true package
bench_classpath price-exporter
exec "$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" bench/exporter/ExporterBench.java "${1:-1000}" "${2:-1000}" "${3:-96m}" "${@:4}"
