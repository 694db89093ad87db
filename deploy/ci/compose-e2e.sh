#!/usr/bin/env bash
# Brings the compose stack up with a real Docker engine and proves it works end to end:
#
#   1. dockerd      starts one if none answers (overlay2 storage, else vfs; published ports
#                   on 127.0.0.1), and stops only that one at the end
#   2. images       base images made locally (deploy/images/build-base.sh: debootstrap + import,
#                   Debian's postgresql-15; kept between runs by tag), the exchange's image from
#                   products built on this host (deploy/images/build-exchange.sh)
#   3. up           compose.yaml + deploy/agency/compose.yaml (an agency's own tasking), waits
#                   until every service container reports healthy
#   4. journey      `occ simulate` in the simulator container: what partners and agencies see,
#                   and NCA_TICAT's own deployment listing only its taskings and refusing others'
#   5. crash        a burst of referrals; the enrichment worker's process is killed (SIGKILL)
#                   mid-flow; the container restarts and every referral is still routed once
#   6. agency login the agency's database login sees only its agency's taskings and cannot
#                   touch another's, whatever it sets
#   7. down -v      removes containers, network and volumes
#
#   deploy/ci/compose-e2e.sh                      (as root; prints each step's duration)
#
# Needs: docker.io, debootstrap and docker-compose (Debian), the Swift toolchain and libpq-dev
# (`CI=true deploy/local/install-deps.sh` or `OCC_COMPOSE_E2E=1 deploy/local/install-deps.sh`
# installs them). OCC_E2E_KEEP=1 leaves the stack up on failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="${OCC_E2E_WORK:-/var/tmp/occ-compose-e2e}"
mkdir -p "$work"
project=occ-e2e
started=$(date +%s)

[ "$(id -u)" -eq 0 ] || { echo "compose-e2e: run as root (dockerd, debootstrap)" >&2; exit 2; }
for tool in docker dockerd debootstrap; do
  command -v "$tool" >/dev/null || { echo "compose-e2e: $tool is missing (OCC_COMPOSE_E2E=1 deploy/local/install-deps.sh installs it)" >&2; exit 2; }
done

# Every password is new for this run: nothing secret is fixed in the files or the images.
secret() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24; }
export OCC_OWNER_PASSWORD="$(secret)" OCC_INTAKE_PASSWORD="$(secret)" OCC_ENRICHMENT_PASSWORD="$(secret)"
export OCC_TASKING_PASSWORD="$(secret)" OCC_FEEDBACK_PASSWORD="$(secret)" OCC_OPERATOR_PASSWORD="$(secret)"
export OCC_AGENCY_PASSWORD="$(secret)"
export OCC_IMAGE="${OCC_IMAGE:-occ-exchange:local}" OCC_POSTGRES_IMAGE="${OCC_POSTGRES_IMAGE:-occ-postgres:15}"
# Host ports away from the usual ones, all on 127.0.0.1 (compose.yaml publishes on loopback only).
export OCC_POSTGRES_PORT=15433 OCC_INTAKE_PORT=18480 OCC_TASKING_PORT=18481 OCC_FEEDBACK_PORT=18482
export OCC_ENRICHMENT_PORT=18483 OCC_AGENCY_TASKING_PORT=18581 LOG_LEVEL=warning

say() { printf '%s\n' "$@"; }
durations=()
# step NAME COMMAND...: runs it, prints and records how long it took.
step() {
  local name="$1" start end
  shift
  say "" "▶ $name"
  start=$(date +%s)
  "$@"
  end=$(date +%s)
  durations+=("$(printf '%-34s %4ss' "$name" "$((end - start))")")
  say "✓ $name ($((end - start)) s)"
}

# --- the engine -------------------------------------------------------------------------------
dockerd_pid=""
# overlay2 where root can mount overlayfs here (layers are shared, builds take seconds); vfs, which
# copies every layer in full, works anywhere. OCC_DOCKER_STORAGE_DRIVER chooses.
storage_driver() {
  if [ -n "${OCC_DOCKER_STORAGE_DRIVER:-}" ]; then echo "$OCC_DOCKER_STORAGE_DRIVER"; return; fi
  local probe
  probe="$(mktemp -d)"
  mkdir -p "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
  if mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    umount "$probe/merged"
    echo overlay2
  else
    echo vfs
  fi
  rm -rf "$probe"
}
start_dockerd() {
  if docker info >/dev/null 2>&1; then
    say "a Docker engine is running: using it ($(docker version -f '{{.Server.Version}}'), $(docker info -f '{{.Driver}}'))"
    return
  fi
  local driver
  driver="$(storage_driver)"
  # --ip makes 127.0.0.1 the default address for published ports.
  dockerd --storage-driver "$driver" --ip 127.0.0.1 >"$work/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && { say "dockerd started (pid $dockerd_pid, storage $driver, log $work/dockerd.log)"; return; }
    if ! kill -0 "$dockerd_pid" 2>/dev/null; then
      wait "$dockerd_pid" 2>/dev/null || true
      dockerd_pid=""
      if [ "$driver" != vfs ] && [ -z "${OCC_DOCKER_STORAGE_DRIVER:-}" ]; then
        say "dockerd would not start with $driver; trying vfs"
        OCC_DOCKER_STORAGE_DRIVER=vfs start_dockerd
        return
      fi
      tail -n 20 "$work/dockerd.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  say "dockerd did not answer within 60 s" >&2
  exit 1
}
stop_dockerd() {
  [ -n "$dockerd_pid" ] || return 0
  kill "$dockerd_pid" 2>/dev/null || true
  wait "$dockerd_pid" 2>/dev/null || true
  say "dockerd (pid $dockerd_pid) stopped"
}

# docker compose v2 where installed, else Debian's docker-compose.
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
compose() { "${compose_cmd[@]}" -p "$project" -f compose.yaml -f deploy/agency/compose.yaml "$@"; }
container() { compose ps -q "$1"; }
# psql in the postgres container: as the owner over its socket, or as LOGIN with PASSWORD over TCP.
owner_sql() { docker exec "$(container postgres)" psql -X -q -A -t -U occ_owner -d occ -v ON_ERROR_STOP=1 -c "$1"; }
login_sql() {
  docker exec -e PGPASSWORD="$2" "$(container postgres)" \
    psql -X -q -A -t -h 127.0.0.1 -U "$1" -d occ -v ON_ERROR_STOP=1 -c "$3" 2>&1
}

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && docker info >/dev/null 2>&1; then
    say "" "compose-e2e FAILED (exit $status); the services' last log lines:"
    compose logs --no-color --tail=40 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ "${OCC_E2E_KEEP:-}" = 1 ]; then
    say "OCC_E2E_KEEP=1: the stack and dockerd are left running"
    return
  fi
  if docker info >/dev/null 2>&1; then compose down -v --remove-orphans >/dev/null 2>&1 || true; fi
  stop_dockerd
}
trap cleanup EXIT
fail() { say "✗ $*" >&2; exit 1; }
expect_equal() { # WHAT ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then say "  ✓ $1: $2"; else fail "$1: got '$2', expected '$3'"; fi
}

# --- the steps --------------------------------------------------------------------------------
build_images() {
  deploy/images/build-base.sh
  deploy/images/build-exchange.sh "$OCC_IMAGE"
  docker image ls --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E 'occ-(base|postgres|exchange)' || true
}

wait_healthy() {
  local deadline=$(($(date +%s) + 180)) service id health
  for service in "$@"; do
    id="$(container "$service")"
    [ -n "$id" ] || fail "$service has no container"
    while :; do
      health="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")"
      [ "$health" = healthy ] && break
      [ "$(date +%s)" -lt "$deadline" ] || { docker logs --tail 30 "$id" >&2; fail "$service is $health after 180 s"; }
      sleep 1
    done
    say "  container $(docker inspect -f '{{.Name}}' "$id" | tr -d /) ($service): healthy, restarts $(docker inspect -f '{{.RestartCount}}' "$id")"
  done
}

up() {
  compose up -d --no-build postgres migrate logins simulator-setup intake enrichment tasking feedback tasking-nca
  wait_healthy postgres intake enrichment tasking feedback tasking-nca
  for job in migrate logins simulator-setup; do
    expect_equal "one-shot $job exit status" "$(docker inspect -f '{{.State.ExitCode}}' "$(container "$job")")" 0
  done
  docker ps --filter "label=com.docker.compose.project=$project" --format '  {{.Names}}\t{{.Status}}\t{{.Ports}}'
}

journey() {
  # The simulator's own checks decide: a failed one exits non-zero and fails this step.
  compose run --rm -T simulator
}

crash() {
  local enrichment pid child state referrals running
  compose run --rm -T simulator occ simulate --agency-tasking-url http://tasking-nca:8081 --agency NCA_TICAT \
    --referrals 300 --timeout 300s >"$work/burst.log" 2>&1 &
  local simulator=$!
  enrichment="$(container enrichment)"
  # Kill while enrichment has claimed work, or at the latest once 150 referrals are in.
  while :; do
    state="$(owner_sql "SELECT (SELECT count(*) FROM referrals) || ' ' || (SELECT count(*) FROM occ_jobs WHERE queue = 'enrichment' AND state = 'running')" || echo "0 0")"
    referrals="${state% *}" running="${state#* }"
    if { [ "$running" -gt 0 ] && [ "$referrals" -ge 40 ]; } || [ "$referrals" -ge 150 ]; then break; fi
    kill -0 "$simulator" 2>/dev/null || { cat "$work/burst.log"; fail "the simulator ended before the kill"; }
    sleep 0.2
  done
  pid="$(docker inspect -f '{{.State.Pid}}' "$enrichment")"
  child="$(pgrep -P "$pid" | head -n1)"
  [ -n "$child" ] || fail "no enrichment process under the container's init (pid $pid)"
  kill -KILL "$child"
  say "  SIGKILL to enrichment (pid $child) with $referrals referrals in and $running enrichment job(s) running"
  wait_healthy enrichment
  local status=0
  wait "$simulator" || status=$?
  grep -E '^(== |  [✓✗+])|all checks passed' "$work/burst.log" | sed 's/^/  │ /'
  [ "$status" -eq 0 ] || { cat "$work/burst.log"; fail "the simulator's burst run failed (exit $status)"; }
  expect_equal "enrichment container restarted by its restart policy" \
    "$(docker inspect -f '{{.RestartCount}}' "$enrichment")" 1
  expect_equal "referrals not routed" "$(owner_sql "SELECT count(*) FROM referrals WHERE status NOT IN ('tasked', 'actioned')")" 0
  expect_equal "referrals without exactly one score" \
    "$(owner_sql "SELECT count(*) FROM referrals r WHERE (SELECT count(*) FROM referral_scores s WHERE s.referral_id = r.id) <> 1")" 0
  expect_equal "enrichment and tasking jobs left" "$(owner_sql "SELECT count(*) FROM occ_jobs WHERE queue IN ('enrichment', 'tasking')")" 0
  expect_equal "jobs discarded or cancelled" "$(owner_sql "SELECT count(*) FROM occ_job_history WHERE state <> 'completed'")" 0
  expect_equal "enrich_referral jobs completed per referral" \
    "$(owner_sql "SELECT count(*) = (SELECT count(*) FROM referrals) FROM occ_job_history WHERE kind = 'enrich_referral' AND state = 'completed'")" t
  expect_equal "duplicate taskings (same referral, same agency)" \
    "$(owner_sql "SELECT count(*) FROM (SELECT 1 FROM taskings GROUP BY referral_id, agency_code HAVING count(*) > 1) d")" 0
}

agency_login() {
  local login=occ_agency_api_nca others seen
  others="$(owner_sql "SELECT count(*) FROM taskings WHERE agency_code <> 'NCA_TICAT'")"
  [ "$others" -gt 0 ] || fail "no other agency's taskings to hide: the check would prove nothing"
  say "  the database holds $others tasking(s) of other agencies"
  seen="$(login_sql "$login" "$OCC_AGENCY_PASSWORD" "SELECT count(*) FILTER (WHERE agency_code = 'NCA_TICAT') > 0 AND count(*) FILTER (WHERE agency_code <> 'NCA_TICAT') = 0 FROM taskings")"
  expect_equal "$login sees NCA_TICAT's taskings and no other agency's" "$seen" t
  seen="$(login_sql "$login" "$OCC_AGENCY_PASSWORD" "SELECT set_config('occ.agency_code', 'COLP_FTC', false) IS NOT NULL; SELECT count(*) FROM taskings WHERE agency_code = 'COLP_FTC'" | tail -n1)"
  expect_equal "$login's COLP_FTC taskings after setting occ.agency_code to COLP_FTC" "$seen" 0
  seen="$(login_sql "$login" "$OCC_AGENCY_PASSWORD" "WITH changed AS (UPDATE taskings SET status = status WHERE agency_code = 'COLP_FTC' RETURNING 1) SELECT count(*) FROM changed" || true)"
  case "$seen" in
    0) say "  ✓ $login updating COLP_FTC's taskings: no row visible, 0 updated" ;;
    *"permission denied"*) say "  ✓ $login updating COLP_FTC's taskings: $seen" ;;
    *) fail "$login updating COLP_FTC's taskings: $seen" ;;
  esac
}

down() {
  compose down -v --remove-orphans
  expect_equal "containers left" "$(docker ps -aq --filter "label=com.docker.compose.project=$project" | wc -l)" 0
  expect_equal "volumes left" "$(docker volume ls -q --filter "label=com.docker.compose.project=$project" | wc -l)" 0
}

say "compose-e2e: ${compose_cmd[*]} · images $OCC_IMAGE, $OCC_POSTGRES_IMAGE · work $work"
step "dockerd" start_dockerd
step "images" build_images
compose down -v --remove-orphans >/dev/null 2>&1 || true
step "compose up, every service healthy" up
step "journey (occ simulate)" journey
step "burst, enrichment killed mid-flow" crash
step "agency login sees only its agency" agency_login
step "compose down -v" down

say "" "compose-e2e passed in $(($(date +%s) - started)) s:"
printf '  %s\n' "${durations[@]}"
