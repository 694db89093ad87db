-- Login roles for one deployment of the referral exchange.
--
-- The migrations (`occ migrate`) create one NOLOGIN group role per part of the exchange, holding
-- only its grants: occ_intake, occ_enrichment, occ_tasking (the tasking worker), occ_agency_api
-- (the agency-facing tasking API), occ_feedback, occ_operator, occ_retention (review and
-- disposal, `occ retention work`). Nothing logs in as a group. This
-- script creates the LOGIN roles a deployment connects with, makes each a member of its groups
-- (no superuser, no CREATEROLE/CREATEDB, no replication, no BYPASSRLS: row-level security
-- applies) and BINDS it in occ_login_bindings to what it speaks for. The policies take the
-- organisation from that binding, never from a setting the login could change:
--
--   login (default name)     groups                         bound to
--   occ_intake_login         occ_intake                     the exchange (central intake), or the
--                                                           partner in -v intake_partner=ID
--   occ_enrichment_login     occ_enrichment                 the exchange
--   occ_tasking_login        occ_tasking, occ_agency_api    the exchange (TASKING_MODE=all)
--   (no default)             occ_agency_api                 the agency in -v tasking_api_agency=CODE
--                                                           (an agency's own TASKING_MODE=api)
--   occ_feedback_login       occ_feedback                   the exchange
--   occ_operator_login       occ_operator                   the exchange
--   occ_retention_login      occ_retention                  the exchange
--
-- Run it AFTER `occ migrate`, as the schema owner (the role that ran the migrations: it alone
-- writes occ_login_bindings) with CREATEROLE, or a superuser. Passwords come from psql
-- variables, never from this file; services you do not deploy here are skipped. Re-running is
-- safe: existing logins get their password, attributes, groups and binding reset (memberships of
-- other occ_* groups are revoked, so re-running also moves an old login to its new groups).
--
--   psql "$ADMIN_URL" -v ON_ERROR_STOP=1 \
--        -v intake_password="$OCC_INTAKE_PASSWORD" \
--        -v enrichment_password="$OCC_ENRICHMENT_PASSWORD" \
--        -v tasking_password="$OCC_TASKING_PASSWORD" \
--        -v feedback_password="$OCC_FEEDBACK_PASSWORD" \
--        -v operator_password="$OCC_OPERATOR_PASSWORD" \
--        -f deploy/postgres/roles.sql
--
-- One agency's own tasking API (one run per agency; `occ logins add --service tasking-api
-- --agency NCA_TICAT --name …` does the same and never sends the plain password):
--
--   psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -v tasking_api_login=occ_agency_api_nca \
--        -v tasking_api_agency=NCA_TICAT -v tasking_api_password="$PASSWORD" -f deploy/postgres/roles.sql
--
-- The password travels to the server in an ALTER ROLE statement (stored as SCRAM when
-- password_encryption = scram-sha-256, the default): do not run it with log_statement = 'ddl'/'all'.

\set ON_ERROR_STOP on
\set QUIET on
SET client_min_messages = warning;

SELECT to_regclass('public.occ_login_bindings') IS NOT NULL AS occ_migrated \gset
\if :occ_migrated
\else
  DO $$ BEGIN
    RAISE EXCEPTION 'roles.sql: this database has no occ_login_bindings table'
      USING HINT = 'run occ migrate first (roles.sql binds each login to its organisation in that table)';
  END $$;
\endif

\set occ_created 0

\if :{?intake_password}
  \set login_groups occ_intake
  \if :{?intake_login} \set login_name :intake_login \else \set login_name occ_intake_login \endif
  \if :{?intake_partner}
    \set login_kind partner
    \set login_partner :intake_partner
  \else
    \set login_kind exchange
  \endif
  \set login_password :intake_password
  \ir login-role.psql
\endif

\if :{?enrichment_password}
  \set login_groups occ_enrichment
  \if :{?enrichment_login} \set login_name :enrichment_login \else \set login_name occ_enrichment_login \endif
  \set login_kind exchange
  \set login_password :enrichment_password
  \ir login-role.psql
\endif

\if :{?tasking_password}
  \set login_groups occ_tasking,occ_agency_api
  \if :{?tasking_login} \set login_name :tasking_login \else \set login_name occ_tasking_login \endif
  \set login_kind exchange
  \set login_password :tasking_password
  \ir login-role.psql
\endif

\if :{?tasking_api_password}
  \if :{?tasking_api_agency}
  \else
    DO $$ BEGIN
      RAISE EXCEPTION 'roles.sql: tasking_api_password needs -v tasking_api_agency=CODE (the agency it serves)';
    END $$;
  \endif
  \if :{?tasking_api_login}
  \else
    DO $$ BEGIN
      RAISE EXCEPTION 'roles.sql: tasking_api_password needs -v tasking_api_login=NAME (one login per agency)';
    END $$;
  \endif
  \set login_groups occ_agency_api
  \set login_name :tasking_api_login
  \set login_kind agency
  \set login_agency :tasking_api_agency
  \set login_password :tasking_api_password
  \ir login-role.psql
\endif

\if :{?feedback_password}
  \set login_groups occ_feedback
  \if :{?feedback_login} \set login_name :feedback_login \else \set login_name occ_feedback_login \endif
  \set login_kind exchange
  \set login_password :feedback_password
  \ir login-role.psql
\endif

\if :{?operator_password}
  \set login_groups occ_operator
  \if :{?operator_login} \set login_name :operator_login \else \set login_name occ_operator_login \endif
  \set login_kind exchange
  \set login_password :operator_password
  \ir login-role.psql
\endif

\if :{?retention_password}
  \set login_groups occ_retention
  \if :{?retention_login} \set login_name :retention_login \else \set login_name occ_retention_login \endif
  \set login_kind exchange
  \set login_password :retention_password
  \ir login-role.psql
\endif

\if :occ_created
\else
  DO $$ BEGIN
    RAISE EXCEPTION 'roles.sql: no login requested'
      USING HINT = 'pass at least one of -v intake_password=..., enrichment_password, tasking_password, tasking_api_password, feedback_password, operator_password, retention_password';
  END $$;
\endif
