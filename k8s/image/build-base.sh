#!/usr/bin/env bash
# Assembles a JRE base image without Docker or a registry, as a `docker save` tarball that Jib reads as
# `tar://`: a jlinked JRE of the running JDK at /opt/java/openjdk (like the eclipse-temurin images) plus the
# Debian packages it needs, fetched with `apt-get download` and unpacked with dpkg-deb (no maintainer scripts).
# Usage: k8s/image/build-base.sh [OUTPUT_TAR]   (default k8s/image/target/jre-base.tar; reused when present)
# Reproducible for the same JDK and package versions: sorted entries, fixed mtimes and owners.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE/target/jre-base.tar}"
[[ "${REBUILD:-}" != 1 && -s "$OUT" ]] && { echo "base image present: $OUT"; exit 0; }
: "${JAVA_HOME:?set JAVA_HOME to a JDK 21+}"
PACKAGES=(libc6 zlib1g libgcc-s1 libstdc++6 ca-certificates tzdata)   # libstdc++/libgcc: RocksDB JNI
MODULES=java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.security.auth,jdk.httpserver
UID_GID=65532

WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/rootfs"; mkdir -p "$ROOT" "$WORK/debs" "$(dirname "$OUT")"

(cd "$WORK/debs" && apt-get download "${PACKAGES[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$ROOT"; done
rm -rf "$ROOT"/usr/share/{doc,man,info,lintian,locale,bug} "$ROOT"/usr/sbin "$ROOT"/usr/bin "$ROOT"/etc/ca-certificates
# What update-ca-certificates would build (the JRE uses its own cacerts; this is for native clients).
mkdir -p "$ROOT/etc/ssl/certs"
find "$ROOT/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat > "$ROOT/etc/ssl/certs/ca-certificates.crt"

"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$ROOT/opt/java/openjdk"

mkdir -p "$ROOT"/etc "$ROOT/home/nonroot" "$ROOT/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/sbin/nologin\n' $UID_GID $UID_GID > "$ROOT/etc/passwd"
printf 'root:x:0:\nnonroot:x:%s:\n' $UID_GID > "$ROOT/etc/group"
ln -sf /usr/share/zoneinfo/Etc/UTC "$ROOT/etc/localtime"
chmod 1777 "$ROOT/tmp"

LAYER="$WORK/layer.tar"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$ROOT" -cf "$LAYER" .
DIFF_ID="sha256:$(sha256sum "$LAYER" | cut -d' ' -f1)"
JAVA_VERSION="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2}')"

IMG="$WORK/image"; mkdir -p "$IMG"; mv "$LAYER" "$IMG/layer.tar"
cat > "$IMG/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","JAVA_VERSION=$JAVA_VERSION","LANG=C.UTF-8","TZ=UTC"],"User":"$UID_GID:$UID_GID","WorkingDir":"/home/nonroot","Labels":{"org.opencontainers.image.description":"jlinked JRE $JAVA_VERSION on Debian bookworm libraries (${PACKAGES[*]})"}},"rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["etl-platform/jre-base:local"],"Layers":["layer.tar"]}]' > "$IMG/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$IMG" -cf "$OUT" manifest.json config.json layer.tar
echo "base image: $OUT ($(du -h "$OUT" | cut -f1), layer $DIFF_ID)"
