# Sourced by every bench/*/run.sh: one preamble for all drivers. Leaves the shell at the repository root with
# JAVA_HOME set (dev/jdk.sh) and strict mode on. BENCH_MAVEN_ARGS (e.g. "-o -Dmaven.repo.local=DIR") goes to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source dev/jdk.sh
pick_jdk

# bench_stage_env: for drivers that start stage JVMs. Fewer glibc malloc arenas, inherited by every JVM the driver
# starts: part of the stages' RSS budgets (their jvm.options).
bench_stage_env() {
  export MALLOC_ARENA_MAX=2
}

# bench_classpath MODULE: compiles MODULE and what it needs in one reactor run (this checkout's code, nothing
# installed; the bench drivers are compiled with the module's tests) and sets CP to its test classpath.
bench_classpath() {
  local module="$1"
  ./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -pl "$module" -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
  CP="$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench-classpath.txt")"
}
