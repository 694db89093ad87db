#!/usr/bin/env bash
# Runs every test: unit tests (no database) and integration tests, which start their own
# throwaway PostgreSQL servers (as the 'postgres' OS user when run as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/local/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
