#!/usr/bin/env bash
# Installs what building and testing need on Debian/Ubuntu, only when something is missing.
# In CI (CI=true), or with OCC_COMPOSE_E2E=1, also what deploy/ci/compose-e2e.sh needs.
set -euo pipefail

need=()
command -v pkg-config >/dev/null || need+=(pkg-config)
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql postgresql-contrib)
[ -f /usr/share/publicsuffix/public_suffix_list.dat ] || need+=(publicsuffix)
# The browser tests drive Debian's headless Chromium over the DevTools protocol (docs/testing.md),
# with a font so screenshots show text. (Ubuntu's chromium-browser is a snap stub: use Debian's.)
command -v chromium >/dev/null || need+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v python3 >/dev/null || need+=(python3 python3-venv)
# The Python clients the tests and the fuzzer drive (taxii2-client, stix2-validator, schemathesis)
# go into virtual environments, which Debian's python3 makes only with python3-venv.
command -v python3 >/dev/null && ! python3 -c 'import ensurepip, venv' 2>/dev/null && need+=(python3-venv)
# The compose stack with a real engine (deploy/ci/compose-e2e.sh): Debian's Docker engine,
# debootstrap for base images made locally, and docker-compose where no `docker compose` plugin is.
if [ "${OCC_COMPOSE_E2E:-}" = 1 ] || { [ "${CI:-}" = true ] && [ "${OCC_COMPOSE_E2E:-}" != 0 ]; }; then
  command -v dockerd >/dev/null || need+=(docker.io)
  command -v debootstrap >/dev/null || need+=(debootstrap)
  docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || need+=(docker-compose)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The Debian package starts a cluster of its own; our tests and demo start private ones instead.
if command -v swift >/dev/null; then :; else
  echo "Swift 6 toolchain not found on PATH: install it from swift.org (tested with 6.3.1)." >&2
  exit 1
fi
