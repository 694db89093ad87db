#!/usr/bin/env bash
# Runs every test: unit tests (no database), integration tests (each starts its own throwaway
# PostgreSQL, as the 'postgres' OS user when run as root) and end-to-end tests of the real
# executables; then the fault suite (four services under load while PostgreSQL and the services
# are broken in turn) and the test suites again under ThreadSanitizer and AddressSanitizer.
#
#   deploy/local/test.sh                   everything (about 25 minutes on a 2-core machine)
#   deploy/local/test.sh --quick [ARGS…]   only `swift test` (ARGS go to it, e.g. --filter Queue)
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi

stage() {
  local name=$1; shift
  local started=$SECONDS
  echo "=== stage: $name"
  "$@"
  echo "=== stage: $name took $((SECONDS - started)) s"
}

stage install-deps deploy/local/install-deps.sh
stage build swift build --build-tests
stage swift-test swift test --skip-build "$@"
if [ "$quick" -eq 1 ]; then exit 0; fi
stage sanitizers deploy/ci/sanitizers.sh
stage fault-suite deploy/ci/fault-suite.sh
