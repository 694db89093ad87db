/// The definer functions every statement of a service calls (the row-level-security scope of the
/// login, in each policy's initplan) or every referral's write calls (the retention class and rule,
/// in the referrals trigger), rewritten from SQL to PL/pgSQL with the same results, privileges and
/// `search_path`.
///
/// Why: a SQL function that is `SECURITY DEFINER` or has a `SET` clause is never inlined, and
/// PostgreSQL (up to 17) parses and plans its body again in every statement that calls it. A
/// profile of `occ bench flow` (perf on the server's processes) put 15 % of PostgreSQL's CPU in
/// `fmgr_sql`, most of it in the parser and planner, for about 28 calls of `occ_login_kind` and
/// four of the retention functions per referral. PL/pgSQL keeps each statement's plan for the
/// session, so a call costs an execution only.
enum Migration0023CachedPlans {
    static let sql = """
        CREATE OR REPLACE FUNCTION occ_login_kind() RETURNS text
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$ BEGIN RETURN (SELECT kind FROM public.occ_login_bindings WHERE login = session_user); END $fn$;
        CREATE OR REPLACE FUNCTION occ_agency_scope() RETURNS text
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$ BEGIN
                RETURN (SELECT CASE kind WHEN 'agency' THEN agency_code
                                         WHEN 'exchange' THEN nullif(current_setting('occ.agency_code', true), '') END
                        FROM public.occ_login_bindings WHERE login = session_user);
            END $fn$;
        CREATE OR REPLACE FUNCTION occ_partner_scope() RETURNS bigint
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$ BEGIN
                RETURN (SELECT CASE kind WHEN 'partner' THEN partner_id
                                         WHEN 'exchange' THEN nullif(current_setting('occ.partner_id', true), '')::bigint END
                        FROM public.occ_login_bindings WHERE login = session_user);
            END $fn$;
        CREATE OR REPLACE FUNCTION occ_referral_partner(referral uuid) RETURNS bigint
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$ BEGIN RETURN (SELECT partner_id FROM public.referrals WHERE id = $1); END $fn$;
        CREATE OR REPLACE FUNCTION occ_retention_class(p_referral uuid, p_status text) RETURNS text
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$ BEGIN
                RETURN CASE
                    WHEN EXISTS (SELECT 1 FROM public.outcomes o JOIN public.taskings t ON t.id = o.tasking_id
                                 WHERE t.referral_id = p_referral AND o.kind IN ('charged', 'out_of_court_disposal'))
                        THEN 'referral_judicial'
                    WHEN p_status IN ('tasked', 'actioned', 'closed')
                         OR EXISTS (SELECT 1 FROM public.taskings t WHERE t.referral_id = p_referral)
                        THEN 'referral_tasked'
                    ELSE 'referral_untasked' END;
            END $fn$;
        CREATE OR REPLACE FUNCTION occ_retention_rule(p_class text, p_crime_type text, OUT rule_id text, OUT review_period interval)
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$ BEGIN
                SELECT r.id, r.review_period INTO rule_id, review_period FROM public.retention_rules r
                WHERE r.record_class = p_class AND r.retired_at IS NULL
                  AND (r.crime_type IS NULL OR r.crime_type = p_crime_type OR p_crime_type LIKE r.crime_type || '.%')
                ORDER BY r.crime_type IS NULL, length(r.crime_type) DESC
                LIMIT 1;
            END $fn$;
        """
}
