#!/bin/bash
# LOCAL STACK ONLY (compose.yaml's one-shot `logins` service, after `migrate`). Creates the
# services' login roles from the OCC_*_PASSWORD variables compose passes in and binds each to the
# exchange, using the same deploy/postgres/roles.sql a real deployment's DBA runs by hand. It
# connects as the schema owner (PGHOST, PGUSER, PGPASSWORD, PGDATABASE); re-running it resets
# the passwords. With OCC_AGENCY_LOGIN, OCC_AGENCY_CODE and OCC_AGENCY_PASSWORD (set by
# deploy/agency/compose.yaml) it also makes that agency's own tasking-API login, bound to the
# agency. Real deployments never use this script.
set -eo pipefail

for var in OCC_INTAKE_PASSWORD OCC_ENRICHMENT_PASSWORD OCC_TASKING_PASSWORD OCC_FEEDBACK_PASSWORD OCC_OPERATOR_PASSWORD; do
  if [ -z "${!var}" ]; then
    echo "compose-logins.sh: $var is not set (compose.yaml sets it)" >&2
    exit 1
  fi
done

agency=()
if [ -n "${OCC_AGENCY_LOGIN:-}${OCC_AGENCY_CODE:-}${OCC_AGENCY_PASSWORD:-}" ]; then
  if [ -z "${OCC_AGENCY_LOGIN:-}" ] || [ -z "${OCC_AGENCY_CODE:-}" ] || [ -z "${OCC_AGENCY_PASSWORD:-}" ]; then
    echo "compose-logins.sh: OCC_AGENCY_LOGIN, OCC_AGENCY_CODE and OCC_AGENCY_PASSWORD go together" >&2
    exit 1
  fi
  agency=(-v tasking_api_login="$OCC_AGENCY_LOGIN" -v tasking_api_agency="$OCC_AGENCY_CODE"
          -v tasking_api_password="$OCC_AGENCY_PASSWORD")
fi

psql --no-psqlrc -v ON_ERROR_STOP=1 \
  -v intake_password="$OCC_INTAKE_PASSWORD" \
  -v enrichment_password="$OCC_ENRICHMENT_PASSWORD" \
  -v tasking_password="$OCC_TASKING_PASSWORD" \
  -v feedback_password="$OCC_FEEDBACK_PASSWORD" \
  -v operator_password="$OCC_OPERATOR_PASSWORD" \
  "${agency[@]}" \
  -f "${OCC_ROLES_SQL:-/occ/roles.sql}"
