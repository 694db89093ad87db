-- Login roles for one deployment of the referral exchange.
--
-- The migrations (`occ migrate`) create one NOLOGIN group role per service holding only that
-- service's grants: occ_intake, occ_enrichment, occ_tasking, occ_feedback, occ_operator.
-- Nothing logs in as a group. This script creates the LOGIN roles a deployment connects with
-- and makes each a member of its group, so it inherits exactly those grants and nothing more
-- (no superuser, no CREATEROLE/CREATEDB, no replication, no BYPASSRLS: row-level security applies).
--
-- Passwords come from psql variables, never from this file. Give a password for each login you
-- want; services you do not deploy here are skipped. Re-running it is safe: existing logins get
-- their password and attributes reset and their membership ensured.
--
--   psql "$ADMIN_URL" -v ON_ERROR_STOP=1 \
--        -v intake_password="$OCC_INTAKE_PASSWORD" \
--        -v enrichment_password="$OCC_ENRICHMENT_PASSWORD" \
--        -v tasking_password="$OCC_TASKING_PASSWORD" \
--        -v feedback_password="$OCC_FEEDBACK_PASSWORD" \
--        -v operator_password="$OCC_OPERATOR_PASSWORD" \
--        -f deploy/postgres/roles.sql
--
-- Login names default to occ_<service>_login. Several agencies sharing one database each get
-- their own: e.g. -v tasking_login=occ_tasking_nca_login -v tasking_password=... (one run per
-- agency). Run it as a role with CREATEROLE (or a superuser), after or before `occ migrate`:
-- missing group roles are created here exactly as migration 0001 creates them.
--
-- The password travels to the server in an ALTER ROLE statement (stored as SCRAM when
-- password_encryption = scram-sha-256, the default): do not run it with log_statement = 'ddl'/'all'.

\set ON_ERROR_STOP on
\set QUIET on
SET client_min_messages = warning;

-- The group roles, idempotently (the same names and attributes as migration 0001).
SELECT format('CREATE ROLE %I NOLOGIN', name)
  FROM unnest(ARRAY['occ_intake', 'occ_enrichment', 'occ_tasking', 'occ_feedback', 'occ_operator']) AS name
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name)
\gexec

\set occ_created 0

\if :{?intake_password}
  \set login_group occ_intake
  \if :{?intake_login} \set login_name :intake_login \else \set login_name occ_intake_login \endif
  \set login_password :intake_password
  \ir login-role.psql
\endif

\if :{?enrichment_password}
  \set login_group occ_enrichment
  \if :{?enrichment_login} \set login_name :enrichment_login \else \set login_name occ_enrichment_login \endif
  \set login_password :enrichment_password
  \ir login-role.psql
\endif

\if :{?tasking_password}
  \set login_group occ_tasking
  \if :{?tasking_login} \set login_name :tasking_login \else \set login_name occ_tasking_login \endif
  \set login_password :tasking_password
  \ir login-role.psql
\endif

\if :{?feedback_password}
  \set login_group occ_feedback
  \if :{?feedback_login} \set login_name :feedback_login \else \set login_name occ_feedback_login \endif
  \set login_password :feedback_password
  \ir login-role.psql
\endif

\if :{?operator_password}
  \set login_group occ_operator
  \if :{?operator_login} \set login_name :operator_login \else \set login_name occ_operator_login \endif
  \set login_password :operator_password
  \ir login-role.psql
\endif

\if :occ_created
\else
  DO $$ BEGIN
    RAISE EXCEPTION 'roles.sql: no login requested'
      USING HINT = 'pass at least one of -v intake_password=..., enrichment_password, tasking_password, feedback_password, operator_password';
  END $$;
\endif
