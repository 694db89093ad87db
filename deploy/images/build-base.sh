#!/usr/bin/env bash
# Makes the base images locally, for machines whose Docker engine cannot reach a registry:
#
#   occ-base:bookworm   Debian bookworm minbase, by debootstrap from the mirror apt uses here,
#                       imported with `docker import` (no registry involved)
#   occ-postgres:15     Debian's postgresql-15 on that base (Containerfile.postgres), a stand-in
#                       for the official postgres:15 image
#
#   deploy/images/build-base.sh            (as root: debootstrap and the Docker socket need it)
#
# A base image that already exists under its tag is kept (delete it to rebuild: `docker rmi
# occ-base:bookworm`); the postgres image is rebuilt from the engine's layer cache, so an
# unchanged Containerfile.postgres costs seconds. Settings: OCC_BASE_IMAGE, OCC_POSTGRES_IMAGE
# (tags), OCC_DEBIAN_SUITE and OCC_DEBIAN_MIRROR (default: this machine's, from /etc/os-release
# and apt's sources).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
base="${OCC_BASE_IMAGE:-occ-base:bookworm}"
postgres_image="${OCC_POSTGRES_IMAGE:-occ-postgres:15}"

# The Debian release and mirror apt uses on this machine, so the image matches the host.
debian_suite() {
  # shellcheck disable=SC1091
  (. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
}
debian_mirror() {
  local uri
  uri="$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)"
  [ -n "$uri" ] || uri="$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)"
  echo "${uri:-http://deb.debian.org/debian}"
}
suite="${OCC_DEBIAN_SUITE:-$(debian_suite)}"
mirror="${OCC_DEBIAN_MIRROR:-$(debian_mirror)}"

if docker image inspect "$base" >/dev/null 2>&1; then
  echo "· $base exists: kept"
else
  command -v debootstrap >/dev/null || { echo "build-base: debootstrap is not installed (apt-get install debootstrap)" >&2; exit 2; }
  root="$(mktemp -d /var/tmp/occ-base-XXXXXX)"
  trap 'rm -rf "$root"' EXIT
  echo "· debootstrap --variant=minbase $suite from $mirror"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" > "$root.log" 2>&1 \
    || { tail -n 20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
  rm -f "$root.log"
  # Smaller and reproducible enough: no package lists or caches in the image.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
  echo "· docker import → $base"
  tar -C "$root" -c . | docker import -c 'CMD ["/bin/bash"]' -c 'ENV LANG=C.UTF-8' \
    -m "debootstrap --variant=minbase $suite $mirror" - "$base" >/dev/null
  rm -rf "$root"
  trap - EXIT
fi

echo "· $postgres_image from $base (Debian's postgresql-15)"
docker build -q -f "$here/Containerfile.postgres" --build-arg BASE_IMAGE="$base" -t "$postgres_image" "$here" >/dev/null
