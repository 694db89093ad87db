#!/usr/bin/env bash
# Fuzzes every service through its own OpenAPI document with schemathesis (PyPI, pinned):
#
#   1. build      the debug products (occ and the four services), as the tests use them
#   2. venv       .build/fuzz-venv-<version>: schemathesis installed once, kept between runs
#   3. database   a throwaway PostgreSQL (Unix socket only; as the 'postgres' OS user when
#                 root), migrated, with each service's least-privilege login (occ logins add)
#   4. services   intake, enrichment, tasking and feedback started as separate processes with
#                 their own logins, then `occ simulate` plays the referral journey through
#                 their APIs so lists, feeds and reports hold real data
#   5. fuzz       schemathesis against each service's /openapi.json, with a partner's, an
#                 officer's or the oversight key so requests reach the handlers: no response may
#                 be a 5xx, and every status, media type, header and body must conform to the
#                 document (checks below); each service is bounded in time
#
#   deploy/ci/fuzz-openapi.sh [SERVICE...]      e.g. tasking feedback (default: all four)
#
# OCC_FUZZ_SECONDS bounds each document's fuzzing (default 30 s: about four minutes in all with
# set-up). OCC_FUZZ_SEED fixes the random seed; OCC_FUZZ_CHECKS replaces the checks
# (schemathesis --checks); OCC_FUZZ_WORKERS sets its concurrent workers (default 1: with two, CPython
# 3.11's ast.parse, which hypothesis calls from both threads, can raise "AST constructor recursion
# depth mismatch", a spurious runtime error). Reports
# (JUnit and NDJSON) and the services' logs go to .build/fuzz-report/. Exits non-zero when any
# check failed, a service logged a crash or exited.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
version=4.32.5
budget="${OCC_FUZZ_SECONDS:-30}"
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(intake enrichment tasking feedback)
for service in "${services[@]}"; do
  case "$service" in intake|enrichment|tasking|feedback) ;; *) echo "fuzz-openapi: unknown service $service" >&2; exit 64 ;; esac
done

deploy/local/install-deps.sh
swift build >/dev/null
bin="$(swift build --show-bin-path)"

venv="$root/.build/fuzz-venv-$version"
if [ ! -x "$venv/bin/schemathesis" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

reports="$root/.build/fuzz-report"
rm -rf "$reports"
mkdir -p "$reports"
work="$(mktemp -d /tmp/occ-fuzz.XXXXXX)"
pgbin="${OCC_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  as_postgres=(/usr/sbin/runuser -u postgres --)
  chown postgres "$work"
fi
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- the database and the services' logins ----------------------------------------------------
port=$((20000 + RANDOM % 30000))
"${as_postgres[@]}" "$pgbin/initdb" -D "$work/data" -U occ --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$work' -c port=$port -c fsync=off -c max_connections=200" start >/dev/null
conninfo() { echo "host=$work port=$port dbname=postgres user=$1"; }
export DATABASE_URL="$(conninfo occ)"
"$bin/occ" migrate >/dev/null
declare -A login=([intake]=intake [enrichment]=enrichment [tasking]=tasking [feedback]=feedback)
for service in intake enrichment tasking feedback; do
  "$bin/occ" logins add --service "${login[$service]}" --exchange --name "occ_fuzz_$service" --no-password >/dev/null
done
"$bin/occ" simulate setup --keys "$work/keys.json" --use-database-url 2>/dev/null
# key partners telco: a key from the file 'occ simulate setup' wrote.
key() { python3 -c 'import functools, json, sys; print(functools.reduce(lambda v, k: v[k], sys.argv[2:], json.load(open(sys.argv[1]))))' "$work/keys.json" "$@"; }
# The finance partner's webhook key (partner:webhooks): its feedback key reaches no /v1/webhooks route.
finance_key_id="$(key partners finance | cut -d_ -f2)"
finance_id="$("$pgbin/psql" "$(conninfo occ)" -Atqc "SELECT partner_id FROM api_keys WHERE id = '$finance_key_id'")"
webhooks_key="$("$bin/occ" keys issue --partner "$finance_id" --scopes partner:webhooks 2>/dev/null)"

# --- the services -------------------------------------------------------------------------------
declare -A ports=([intake]=$((port + 1)) [enrichment]=$((port + 2)) [tasking]=$((port + 3)) [feedback]=$((port + 4)))
for service in intake enrichment tasking feedback; do
  DATABASE_URL="$(conninfo "occ_fuzz_$service")" HTTP_HOST=127.0.0.1 HTTP_PORT="${ports[$service]}" LOG_LEVEL=warning \
    "$bin/$service" >"$reports/$service.log" 2>&1 &
  pids+=($!)
done
for service in intake enrichment tasking feedback; do
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null || { echo "fuzz-openapi: $service did not become ready" >&2; exit 1; }
done
unset DATABASE_URL
"$bin/occ" simulate --keys "$work/keys.json" --intake-url "http://127.0.0.1:${ports[intake]}" \
  --tasking-url "http://127.0.0.1:${ports[tasking]}" --feedback-url "http://127.0.0.1:${ports[feedback]}" >"$reports/simulate.log" 2>&1 \
  || { echo "fuzz-openapi: occ simulate failed (see $reports/simulate.log)" >&2; exit 1; }

# --- fuzzing ------------------------------------------------------------------------------------
# The key each service's API needs: a partner's (submit and feedback), the FTC officer's, for
# feedback's benefits report the oversight key (the partner key's 403 there is documented too) and
# for its /v1/webhooks routes the finance partner's partner:webhooks key.
declare -A token=(
  [intake]="$(key partners telco)" [enrichment]="" [tasking]="$(key officers COLP_FTC)" [feedback]="$(key partners finance)"
)
oversight="$(key oversight)"
# No 5xx; status, media type, headers and body as documented; a method a path lacks is a 405;
# a request without its API key or a required header is refused.
checks="${OCC_FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method,missing_required_header,ignored_auth}"
failed=()
run() {
  local name="$1" service="$2" credential="$3"
  shift 3
  local auth=()
  [ -z "$credential" ] || auth=(-H "Authorization: Bearer $credential")
  echo "=== fuzz $name (at most $budget s)"
  # From the scratch folder: schemathesis keeps a cache (.schemathesis/) where it runs.
  if ! (cd "$work" && SCHEMATHESIS_HOOKS="$root/deploy/ci/fuzz_hooks.py" "$venv/bin/schemathesis" run "http://127.0.0.1:${ports[$service]}/openapi.json" \
      --checks "$checks" --max-time "$budget" --workers "${OCC_FUZZ_WORKERS:-1}" --request-timeout 30 --no-color \
      --seed "${OCC_FUZZ_SEED:-$RANDOM}" --generation-database none --suppress-health-check all \
      --report junit,ndjson --report-dir "$reports/$name" "${auth[@]}" "$@"); then
    failed+=("$name")
  fi
}
for service in "${services[@]}"; do
  if [ "$service" = feedback ]; then
    run feedback feedback "${token[feedback]}" --exclude-path /v1/reports/benefits --exclude-path-regex '^/v1/webhooks'
    run feedback-webhooks feedback "$webhooks_key" --include-path-regex '^/v1/webhooks'
    # One operation, no links among what it selects: no stateful phase (schemathesis calls that an error).
    run feedback-oversight feedback "$oversight" --include-path /v1/reports/benefits --phases examples,coverage,fuzzing
  else
    run "$service" "$service" "${token[$service]}"
  fi
done
for service in intake enrichment tasking feedback; do
  if grep -qE 'Fatal error|Segmentation fault|Illegal instruction' "$reports/$service.log"; then
    echo "fuzz-openapi: $service logged a crash (see $reports/$service.log)" >&2
    failed+=("$service-log")
  fi
done
for pid in "${pids[@]}"; do
  kill -0 "$pid" 2>/dev/null || { echo "fuzz-openapi: a service exited during fuzzing (see $reports/*.log)" >&2; failed+=(exited); }
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz-openapi: FAILED: ${failed[*]} (reports in $reports)" >&2
  exit 1
fi
echo "fuzz-openapi: no 5xx and no response outside the documents (${services[*]})"
