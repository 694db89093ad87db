#!/bin/bash
# The image's entrypoint: runs one service (or the operator CLI) in the foreground, as PID 1's
# child, so SIGTERM reaches it directly and it can shut down gracefully.
#
#   IMAGE intake | enrichment | tasking | feedback       run that service
#   IMAGE occ <command> [...]                           the operator CLI (migrate, demo, ...)
#   IMAGE healthcheck [PORT] [PATH]                     exit 0 when GET PATH (/healthz) on
#                                                       127.0.0.1:PORT (HTTP_PORT) answers 2xx
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: IMAGE intake | enrichment | tasking | feedback
       IMAGE occ <command> [options]        (IMAGE occ --help)
       IMAGE healthcheck [PORT] [PATH]
Configuration is by environment variables: see docs/deploy.md.
USAGE
}

# A probe with no curl or wget in the image: bash's /dev/tcp and one HTTP/1.1 request.
healthcheck() {
  local port="${1:-${HTTP_PORT:-8080}}" path="${2:-/healthz}" status
  exec 3<>"/dev/tcp/127.0.0.1/${port}" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUser-Agent: occ-healthcheck\r\nConnection: close\r\n\r\n' \
    "$path" "$port" >&3
  IFS= read -r -t 5 status <&3 || return 1
  exec 3>&-
  case "$status" in
    "HTTP/1."?" 2"*) return 0 ;;
    *) echo "healthcheck: ${status%$'\r'}" >&2; return 1 ;;
  esac
}

command="${1:-help}"
case "$command" in
  intake | enrichment | tasking | feedback | occ)
    shift
    exec "/usr/local/bin/${command}" "$@"
    ;;
  healthcheck)
    shift
    healthcheck "$@"
    ;;
  help | -h | --help)
    usage
    ;;
  *)
    echo "occ-entrypoint: unknown command '${command}'" >&2
    usage >&2
    exit 64
    ;;
esac
