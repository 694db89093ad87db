#!/usr/bin/env bash
# Runs every test: unit tests (no database), integration tests (each starts its own throwaway
# PostgreSQL, as the 'postgres' OS user when run as root) and end-to-end tests of the real
# executables; schemathesis against each service's OpenAPI document; then the same suites under
# AddressSanitizer and ThreadSanitizer, and the fault
# suite (four services under load while PostgreSQL and the services are broken in turn).
#
#   deploy/local/test.sh                   everything (about 50–55 minutes on a 2-core machine)
#   deploy/local/test.sh --quick [ARGS…]   only the build and `swift test` (ARGS go to it)
#
# Every stage decides the exit status except ThreadSanitizer's, which reports its verdict at the
# end (docs/testing.md says why); the sanitizer and fault stages run under a time limit
# each, so a hang fails the run instead of stalling CI. A failed test stage does not stop the
# later ones: the run ends with every verdict, then fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi

stage() {
  local name=$1; shift
  local started=$SECONDS
  local status=0
  echo "=== stage: $name"
  "$@" || status=$?
  if [ "$status" -eq 0 ]; then echo "=== stage: $name took $((SECONDS - started)) s"
  else echo "=== stage: $name FAILED (exit $status$([ "$status" -eq 124 ] && echo ', time limit')) after $((SECONDS - started)) s"
  fi
  return "$status"
}

# A stage under a time limit: NAME LIMIT_SECONDS COMMAND…
limited_stage() {
  local name=$1 limit=$2; shift 2
  stage "$name (limit ${limit} s)" timeout --kill-after=30 "$limit" "$@"
}

# A gating stage that fails is recorded and the later stages still run, so one run shows every
# verdict; the exit status is decided at the end. (Only a failed build or install stops at once.)
failed=()
gate() {
  local name=$1; shift
  "$@" || failed+=("$name")
}

stage install-deps deploy/local/install-deps.sh
stage build swift build --build-tests
# The Python clients the TAXII tests drive (taxii2-client, stix2-validator, pinned, from PyPI);
# made once here so a failure to get them is named before the tests run.
stage python-clients deploy/ci/python-clients.sh
# The browser tests (headless Chromium: BrowserTests, ConsoleBrowserTests) run on their own
# after the rest: a browser rendering pages takes the cores for seconds at a time, and beside it
# the suites that check timeouts and latency fired late on a 2-core machine.
# Each `swift test` run's output is kept in a log so that the end of the run can name the tests
# that failed: CI's record keeps only part of what a run prints.
logs=.build/test-logs
mkdir -p "$logs"
logged() {
  local log=$1; shift
  "$@" 2>&1 | tee "$log"
}
# The failing tests' lines (Swift Testing's ✘ and XCTest's "error:") in this run's logs and the
# LOGS named, at most 40 of each.
failures() {
  local log
  for log in "$logs"/*.log "$@"; do
    [ -f "$log" ] || continue
    if grep -Eq '✘|: error: ' "$log"; then
      echo "=== failing tests in $log:"
      grep -E '✘|: error: ' "$log" | grep -v '^✘ Test run with' | head -40
    fi
  done
}
rm -f "$logs"/*.log
gate swift-test stage swift-test logged "$logs/swift-test.log" swift test --skip-build --skip BrowserTests "$@"
gate browser-tests stage browser-tests logged "$logs/browser-tests.log" swift test --skip-build --filter BrowserTests "$@"
if [ "$quick" -eq 1 ]; then
  [ ${#failed[@]} -eq 0 ] || { failures; echo "=== failed: ${failed[*]}"; exit 1; }
  exit 0
fi
# schemathesis (PyPI, pinned) against every service's /openapi.json, the real executables on a
# throwaway PostgreSQL: no 5xx, every response as documented (docs/testing.md).
gate fuzz-openapi limited_stage fuzz-openapi 900 deploy/ci/fuzz-openapi.sh
# A stage that reports its verdict at the end but does not decide the run: NAME LIMIT COMMAND…
reported=()
reporting_stage() {
  local name=$1 limit=$2; shift 2
  local status=0
  stage "$name (limit ${limit} s, reporting)" timeout --kill-after=30 "$limit" "$@" || status=$?
  reported+=("$name: $([ "$status" -eq 0 ] && echo passed || echo "FAILED (exit $status)")")
}

gate asan limited_stage asan 1200 deploy/ci/sanitizers.sh asan
gate fault-suite limited_stage fault-suite 1200 deploy/ci/fault-suite.sh
reporting_stage tsan 1200 deploy/ci/sanitizers.sh tsan
echo "=== reporting stages (not yet deciding the run):"
printf '    %s\n' "${reported[@]}"
failures .build-asan/sanitizer-tests.log .build-tsan/sanitizer-tests.log
if [ ${#failed[@]} -gt 0 ]; then
  echo "=== gating stages that failed: ${failed[*]}"
  exit 1
fi
echo "=== every gating stage passed"
