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
  -Dtest='ManifestsTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='ImageTarballsIT' -Dfailsafe.failIfNoSpecifiedTests=false "$@"
# The filters above let the service modules run no tests; make sure the image test itself did run.
REPORT=k8s/validate/target/failsafe-reports/TEST-io.platform.etl.k8s.image.ImageTarballsIT.xml
[[ -s "$REPORT" ]] || { echo "ImageTarballsIT did not run ($REPORT missing)" >&2; exit 1; }
grep -o 'tests="[0-9]*" errors="[0-9]*" skipped="[0-9]*" failures="[0-9]*"' "$REPORT" | head -1
