#!/usr/bin/env bash
# Builds the exchange's image from products built on this host, for machines where no Swift
# builder image can be pulled (deploy/Containerfile needs one):
#
#   1. swift build -c release --static-swift-stdlib  (the Swift runtime linked in: the image
#      needs only libpq5 and the C library; the host must be Debian bookworm like the image)
#   2. a build context holding only those five products and deploy/entrypoint.sh (as
#      rootfs/usr/local/bin/…, the paths they have in the image)
#   3. deploy/images/Containerfile.host-built on RUNTIME_IMAGE (default occ-base:bookworm, from
#      build-base.sh; debian:bookworm-slim where a registry is reachable)
#
#   deploy/images/build-exchange.sh [TAG]       (default occ-exchange:local, or OCC_IMAGE)
#
# OCC_SKIP_SWIFT_BUILD=1 packages the products already in .build/release as they are.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
tag="${1:-${OCC_IMAGE:-occ-exchange:local}}"
runtime="${OCC_RUNTIME_IMAGE:-${OCC_BASE_IMAGE:-occ-base:bookworm}}"
products=(intake enrichment tasking feedback occ)

cd "$root"
if [ "${OCC_SKIP_SWIFT_BUILD:-}" != 1 ]; then
  echo "· swift build -c release --static-swift-stdlib"
  swift build -c release --static-swift-stdlib 2>&1 | tail -n 3
fi
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

context="$(mktemp -d /var/tmp/occ-image-XXXXXX)"
trap 'rm -rf "$context"' EXIT
target="$context/rootfs/usr/local/bin"
mkdir -p "$target"
for product in "${products[@]}"; do
  [ -x "$bin/$product" ] || { echo "build-exchange: $bin/$product is missing" >&2; exit 1; }
  # --strip-debug keeps symbol names so crash backtraces stay readable.
  strip --strip-debug -o "$target/$product" "$bin/$product"
done
install -m 0755 deploy/entrypoint.sh "$target/occ-entrypoint"
chmod 0755 "$target"/*
cp deploy/images/Containerfile.host-built "$context/Containerfile"
echo "· $tag from $runtime with the host's products"
docker build -q -f "$context/Containerfile" --build-arg RUNTIME_IMAGE="$runtime" -t "$tag" "$context" >/dev/null
