#!/usr/bin/env bash
# Usage (from the repository root):
#   bench/exporter/upload.sh [OBJECTS=1000] [KB=100] [ROUNDS=3] [THREADS=4] [VARIANTS=hand-http,sdk-http,…] [README|-]
# The exporter's hand-written PUT against the AWS SDK's sync and CRT clients, over HTTP and HTTPS (ADR 0105/0107).
source "$(dirname "$0")/../lib.sh"
bench_classpath price-exporter
# The CRT client's native library: not a dependency of the exporter, fetched here only (awscrt.version of SDK 2.57.8).
CRT=software.amazon.awssdk.crt:aws-crt:0.49.0
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl price-exporter dependency:copy -Dartifact=$CRT -DoutputDirectory=target/bench-crt
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$CP:$(ls price-exporter/target/bench-crt/aws-crt-*.jar)" UploadBench "$@"
