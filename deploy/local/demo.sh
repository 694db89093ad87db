#!/usr/bin/env bash
# Runs the main job: the demo of the referral flow, on a throwaway local PostgreSQL that is
# removed afterwards; or on DATABASE_URL when you set it, which then keeps the demo's partners,
# keys, referrals and audit rows for good (`occ demo` refuses DATABASE_URL unless told, so a
# shell pointing at a real exchange never gets them by accident: setting it here is the telling).
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/local/install-deps.sh
swift build -c release
if [ -n "${DATABASE_URL:-}" ]; then
  echo "demo.sh: DATABASE_URL is set: the demo writes its partners, referrals and audit rows there" >&2
  exec .build/release/occ demo --use-database-url "$@"
fi
exec .build/release/occ demo "$@"
