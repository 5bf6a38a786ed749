# Sourced by ./platform, .ci/run and bench/*/run.sh: exports JAVA_HOME as a JDK 21+ (JAVA_HOME if it is one, else
# the newest JDK under /usr/lib/jvm), or stops with what to install. One copy of this logic for all of them.

jdk_major() {  # the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' \
    | sed 's/^1\.//; s/\..*//' | head -1
}

pick_jdk() {
  local v
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    v="$(jdk_major "$JAVA_HOME/bin/java")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then export JAVA_HOME; return 0; fi
  fi
  local best="" best_v=0 dir
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [[ -x "$dir/bin/java" && -x "$dir/bin/javac" ]] || continue
    v="$(jdk_major "$dir/bin/java")"
    if [[ -n "$v" && "$v" -gt "$best_v" ]]; then best="$dir"; best_v="$v"; fi
  done
  if [[ "$best_v" -ge 21 ]]; then export JAVA_HOME="$best"; return 0; fi
  echo "needs a JDK 21 or newer, found none." >&2
  echo "  JAVA_HOME=${JAVA_HOME:-<unset>}; newest JDK under /usr/lib/jvm: ${best:-none}${best:+ (Java $best_v)}." >&2
  echo "  Install one (e.g. apt-get install -y openjdk-21-jdk-headless) and point JAVA_HOME at it." >&2
  exit 1
}
