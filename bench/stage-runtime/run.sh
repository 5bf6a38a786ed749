#!/usr/bin/env bash
# Usage (from the repository root): bench/stage-runtime/run.sh [RECORDS=1000000] [ROUNDS=3] [THREADS=2]
# Builds the bench module (and what it depends on) into target/, then runs RuntimeBench: one embedded broker,
# ROUNDS interleaved rounds of passthrough / DSL filter / runtime no-op / stage-filter, each its own JVM.
# BENCH_JOB_FLAGS_<JOB> (e.g. BENCH_JOB_FLAGS_STAGE_FILTER="-XX:StartFlightRecording=filename=f.jfr") adds JVM flags.
source "$(dirname "$0")/../lib.sh"
bench_stage_env
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl bench/stage-runtime -am package -DskipTests
CP="bench/stage-runtime/target/classes:$(cat bench/stage-runtime/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile=bench/stage-runtime/logback-bench.xml -cp "$CP" \
  io.platform.etl.bench.RuntimeBench "${1:-1000000}" "${2:-3}" "${3:-2}"
