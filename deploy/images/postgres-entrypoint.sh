#!/bin/bash
# Entrypoint of the occ-postgres image (deploy/images/Containerfile.postgres): the subset of the
# official postgres image's behaviour compose.yaml uses.
#   postgres [OPTIONS]   initialise $PGDATA on first start, then run the server as `postgres`
#   anything else        run it as given (e.g. the `logins` service's psql script)
set -euo pipefail

if [ "${1:0:1}" = "-" ]; then set -- postgres "$@"; fi
if [ "${1:-}" != postgres ]; then exec "$@"; fi

PGDATA="${PGDATA:-/var/lib/postgresql/data}"
if [ "$(id -u)" = 0 ]; then
  # A fresh named volume belongs to root: hand it to the server's user, then drop to it.
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "occ-postgres: POSTGRES_PASSWORD is not set (the superuser's password for TCP connections)" >&2
    exit 1
  fi
  user="${POSTGRES_USER:-postgres}"
  database="${POSTGRES_DB:-$user}"
  password_file="$(mktemp)"
  trap 'rm -f "$password_file"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
  initdb -D "$PGDATA" --username="$user" --pwfile="$password_file" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$password_file"
  trap - EXIT
  # Other containers reach the server over the stack's network, each with a SCRAM password.
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [ "$database" != postgres ]; then
    # Single-user mode: nothing listens yet, so a health check cannot pass before this is done.
    printf 'CREATE DATABASE "%s"\n' "${database//\"/\"\"}" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "occ-postgres: initialised $PGDATA (superuser $user, database $database)"
fi
exec "$@"
