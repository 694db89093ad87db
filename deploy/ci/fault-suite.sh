#!/usr/bin/env bash
# The fault suite with the issue's full durations: the four release service executables under
# load while each fault is injected (kill -9 of every service in turn, pg_ctl restart -m
# immediate, PostgreSQL stopped for 30 s, a sweep of pg_terminate_backend, xmin held for 120 s),
# then every referral and outcome accounted for from the database.
#
#   deploy/ci/fault-suite.sh [occ faults options...]     e.g. --only restart,sweep
#
# Prints each fault's figures and 'N passed, M failed'; exits non-zero if any fault failed.
# Starts its own throwaway PostgreSQL (as the 'postgres' OS user when run as root) and needs
# nothing running. About 7 minutes when every fault passes (after the build); each fault that
# never drains adds its --drain-seconds (120 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/local/install-deps.sh
# The same flags as deploy/images/build-exchange.sh, so CI's compose stage after this one finds
# the release products already built.
swift build -c release --static-swift-stdlib
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"
exec "$bin/occ" faults --outage-seconds 30 --hold-seconds 120 "$@"
