#!/usr/bin/env bash
# Builds every service image without Docker or a registry and runs the image test (ImageTarballsIT):
# the local JRE base (build-base.sh, reused when present), then ./mvnw -Pimages on the services and k8s/validate.
# Leaves <service>/target/jib-image.tar (OCI layout; docker/podman load, crane push, skopeo copy oci-archive:).
# Extra arguments go to Maven, e.g. -DskipTests (skips the services' own tests, not the image test).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="$ROOT/k8s/image/target/jre-base.tar"
"$ROOT/k8s/image/build-base.sh" "$BASE"
cd "$ROOT"
./mvnw -B -Pimages verify -pl k8s/validate -am \
  -Dimage.base="tar://$BASE" -Dimage.base.name=etl-platform/jre-base:local \
  -Dtest='ManifestsTest' -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='ImageTarballsIT' "$@"
