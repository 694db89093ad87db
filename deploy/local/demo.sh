#!/usr/bin/env bash
# Runs the main job: the demo of the referral flow. Uses DATABASE_URL when set, otherwise a
# throwaway local PostgreSQL that is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/local/install-deps.sh
swift build -c release
exec .build/release/occ demo "$@"
