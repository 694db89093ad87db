/// Identity from the login, not from a setting: rewrites the grants and row-level security of
/// migrations 2–4 so a login bound to one organisation can never widen its view by `SET`.
///
/// `occ_login_bindings` maps each login (`session_user`) to what it speaks for: one agency, one
/// partner, or the exchange itself (the documented multi-tenant logins: central intake,
/// enrichment, the tasking worker, feedback, the operator). Only the schema owner writes it; the
/// policies read it through the `SECURITY DEFINER` functions below, each wrapped in a scalar
/// subquery so it runs once per statement, not once per row.
/// - `occ_partner_scope()` / `occ_agency_scope()`: the bound organisation for a bound login
///   (whatever it sets); for an exchange login the transaction's `occ.partner_id` /
///   `occ.agency_code` (defence in depth); NULL, so nothing, for an unbound login.
/// - Policies that let a role read across organisations also require `occ_login_kind() =
///   'exchange'`: a bound login given a multi-tenant role by mistake sees nothing through it.
///
/// Grants are restated per table from nothing (REVOKE ALL first; `audit_log` is left alone).
/// Services no longer read `api_keys.secret_hash` (`occ_api_key_matches` compares inside the
/// database) nor `partners.webhook_secret`. The queue's hot table and history are policed per
/// queue: a worker role reads, moves and deletes only its own queue's jobs and may only add jobs
/// to the next stage's queue. `occ_agency_api` is the agency-facing API's role, split from the
/// tasking worker's `occ_tasking`. docs/privileges.md lists the result.
enum Migration0007Identity {
    static let sql = """
        DO $$
        BEGIN
            CREATE ROLE occ_agency_api NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Roles are cluster-wide: another database on this server may have created it.
            NULL;
        END
        $$;

        CREATE TABLE occ_login_bindings (
            login text PRIMARY KEY CHECK (length(login) BETWEEN 1 AND 63),
            kind text NOT NULL CHECK (kind IN ('exchange', 'agency', 'partner')),
            agency_code text REFERENCES agencies (code),
            partner_id bigint REFERENCES partners (id),
            bound_at timestamptz NOT NULL DEFAULT now(),
            CHECK ((kind = 'agency') = (agency_code IS NOT NULL)),
            CHECK ((kind = 'partner') = (partner_id IS NOT NULL))
        );

        CREATE FUNCTION occ_login_kind() RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT kind FROM public.occ_login_bindings WHERE login = session_user $$;
        CREATE FUNCTION occ_agency_scope() RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT CASE kind WHEN 'agency' THEN agency_code
                                 WHEN 'exchange' THEN nullif(current_setting('occ.agency_code', true), '') END
                FROM public.occ_login_bindings WHERE login = session_user
            $$;
        CREATE FUNCTION occ_partner_scope() RETURNS bigint
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT CASE kind WHEN 'partner' THEN partner_id
                                 WHEN 'exchange' THEN nullif(current_setting('occ.partner_id', true), '')::bigint END
                FROM public.occ_login_bindings WHERE login = session_user
            $$;
        -- Whether a presented key's hash is the stored one, so no service reads the hashes. The
        -- comparison is not constant-time, and need not be: the caller controls the secret, not
        -- its SHA-256, so timing cannot be steered towards a stored hash.
        CREATE FUNCTION occ_api_key_matches(key_id text, presented_hash text) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT EXISTS (SELECT 1 FROM public.api_keys WHERE id = key_id AND secret_hash = presented_hash) $$;
        -- Whose a referral or an outcome is, for checking the arguments of jobs an organisation
        -- enqueues: read as the owner, so each check is one primary-key probe (a policy's
        -- subquery could not use the key: the cast from the job's JSON is not leakproof).
        CREATE FUNCTION occ_referral_partner(referral uuid) RETURNS bigint
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT partner_id FROM public.referrals WHERE id = $1 $$;
        CREATE FUNCTION occ_outcome_agency(outcome bigint) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT agency_code FROM public.outcomes WHERE id = $1 $$;
        REVOKE ALL ON FUNCTION occ_login_kind(), occ_agency_scope(), occ_partner_scope(), occ_api_key_matches(text, text),
            occ_referral_partner(uuid), occ_outcome_agency(bigint) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_login_kind(), occ_agency_scope(), occ_partner_scope()
            TO occ_intake, occ_enrichment, occ_tasking, occ_agency_api, occ_feedback, occ_operator;
        GRANT EXECUTE ON FUNCTION occ_api_key_matches(text, text) TO occ_intake, occ_agency_api, occ_feedback;
        GRANT EXECUTE ON FUNCTION occ_referral_partner(uuid) TO occ_intake;
        GRANT EXECUTE ON FUNCTION occ_outcome_agency(bigint) TO occ_agency_api;

        DROP POLICY referrals_intake_own_partner ON referrals;
        DROP POLICY referral_indicators_intake_own_partner ON referral_indicators;
        DROP POLICY referrals_read_all ON referrals;
        DROP POLICY referral_indicators_read_all ON referral_indicators;
        DROP POLICY referrals_enrichment_status ON referrals;
        DROP POLICY taskings_agency_own ON taskings;
        DROP POLICY taskings_agency_update ON taskings;
        DROP POLICY taskings_worker_insert ON taskings;
        DROP POLICY taskings_read_all ON taskings;
        DROP POLICY outcomes_agency_own ON outcomes;
        DROP POLICY outcomes_agency_insert ON outcomes;
        DROP POLICY outcomes_read_all ON outcomes;
        DROP POLICY feedback_items_partner_own ON feedback_items;
        DROP POLICY feedback_items_worker_insert ON feedback_items;
        DROP POLICY feedback_items_read_all ON feedback_items;
        DROP POLICY referrals_read_pipeline ON referrals;
        DROP POLICY referrals_tasking_status ON referrals;

        REVOKE ALL ON partners, agencies, api_keys, referrals, referral_indicators, indicators, indicator_sightings,
                referral_links, referral_scores, routing_rules, taskings, outcomes, feedback_items,
                occ_jobs, occ_job_history, occ_queues, occ_periodic_jobs, occ_login_bindings
            FROM PUBLIC, occ_intake, occ_enrichment, occ_tasking, occ_agency_api, occ_feedback, occ_operator;
        REVOKE ALL ON SEQUENCE referral_reference_seq
            FROM PUBLIC, occ_intake, occ_enrichment, occ_tasking, occ_agency_api, occ_feedback, occ_operator;
        GRANT SELECT ON occ_schema_migrations TO occ_agency_api;
        GRANT SELECT ON occ_login_bindings TO occ_operator;

        -- The agency API audits its actions exactly as the tasking role may, whatever the audit
        -- log's own migrations granted that role: copy occ_tasking's grants on audit objects.
        DO $$
        DECLARE item record;
        BEGIN
            FOR item IN
                SELECT format('GRANT %s ON %s %s TO occ_agency_api', a.privilege_type,
                              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass) AS statement
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
                WHERE n.nspname = 'public' AND c.relname LIKE 'audit%' AND a.grantee = 'occ_tasking'::regrole
                UNION ALL
                SELECT format('GRANT EXECUTE ON FUNCTION %s TO occ_agency_api', p.oid::regprocedure)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, aclexplode(p.proacl) a
                WHERE n.nspname = 'public' AND p.proname LIKE 'audit%' AND a.grantee = 'occ_tasking'::regrole
            LOOP
                EXECUTE item.statement;
            END LOOP;
        END
        $$;

        -- Reference data. Nobody but the owner reads partners.webhook_secret; the operator may set it.
        GRANT SELECT ON agencies TO occ_feedback, occ_operator;
        GRANT SELECT (id, sector) ON partners TO occ_enrichment;
        GRANT SELECT (id, name, sector) ON partners TO occ_feedback;
        GRANT SELECT (id, name, sector, webhook_url, created_at), INSERT, UPDATE ON partners TO occ_operator;

        -- API keys: callers are authenticated with occ_api_key_matches; a bound login sees only
        -- its own organisation's keys, so it cannot even accept another organisation's key.
        ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
        GRANT SELECT (id, partner_id, agency_code, scopes, created_at, revoked_at) ON api_keys
            TO occ_intake, occ_agency_api, occ_feedback, occ_operator;
        GRANT INSERT, UPDATE (revoked_at) ON api_keys TO occ_operator;
        CREATE POLICY api_keys_own_organisation ON api_keys FOR SELECT TO occ_intake, occ_agency_api, occ_feedback
            USING ((SELECT occ_login_kind()) = 'exchange' OR agency_code = (SELECT occ_agency_scope())
                   OR partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY api_keys_operator ON api_keys TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');

        -- Referrals: intake only its partner's; the agency API only those tasked to its agency;
        -- the pipeline's exchange logins all. Feedback reads no more columns than it uses.
        GRANT SELECT, INSERT ON referrals TO occ_intake;
        GRANT INSERT ON referral_indicators TO occ_intake;
        GRANT USAGE ON SEQUENCE referral_reference_seq TO occ_intake;
        GRANT SELECT ON referrals TO occ_enrichment, occ_tasking, occ_agency_api, occ_operator;
        GRANT SELECT (id, partner_id, crime_type, received_at, trace_id, canonical) ON referrals TO occ_feedback;
        GRANT UPDATE (status) ON referrals TO occ_enrichment, occ_tasking, occ_agency_api;
        GRANT SELECT ON referral_indicators TO occ_operator;
        CREATE POLICY referrals_intake_partner ON referrals FOR ALL TO occ_intake
            USING (partner_id = (SELECT occ_partner_scope())) WITH CHECK (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY referrals_exchange_read ON referrals FOR SELECT TO occ_enrichment, occ_tasking, occ_feedback, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY referrals_exchange_status ON referrals FOR UPDATE TO occ_enrichment, occ_tasking
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY referrals_agency_tasked_read ON referrals FOR SELECT TO occ_agency_api
            USING (EXISTS (SELECT 1 FROM taskings t WHERE t.referral_id = referrals.id AND t.agency_code = (SELECT occ_agency_scope())));
        CREATE POLICY referrals_agency_tasked_status ON referrals FOR UPDATE TO occ_agency_api
            USING (EXISTS (SELECT 1 FROM taskings t WHERE t.referral_id = referrals.id AND t.agency_code = (SELECT occ_agency_scope())))
            WITH CHECK (EXISTS (SELECT 1 FROM taskings t WHERE t.referral_id = referrals.id AND t.agency_code = (SELECT occ_agency_scope())));
        CREATE POLICY referral_indicators_intake_partner ON referral_indicators FOR INSERT TO occ_intake
            WITH CHECK (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY referral_indicators_exchange_read ON referral_indicators FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');

        -- Enrichment's tables: indicators hold no organisation; the rest name referrals.
        ALTER TABLE referral_scores ENABLE ROW LEVEL SECURITY;
        ALTER TABLE indicator_sightings ENABLE ROW LEVEL SECURITY;
        ALTER TABLE referral_links ENABLE ROW LEVEL SECURITY;
        GRANT SELECT, INSERT, UPDATE ON indicators, referral_scores TO occ_enrichment;
        GRANT SELECT, INSERT ON indicator_sightings, referral_links TO occ_enrichment;
        GRANT SELECT ON indicators TO occ_operator;
        GRANT SELECT ON referral_scores TO occ_tasking, occ_agency_api, occ_operator;
        GRANT SELECT ON indicator_sightings, referral_links TO occ_feedback, occ_operator;
        CREATE POLICY referral_scores_exchange ON referral_scores FOR ALL TO occ_enrichment, occ_tasking, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY referral_scores_agency_tasked ON referral_scores FOR SELECT TO occ_agency_api
            USING (EXISTS (SELECT 1 FROM taskings t
                           WHERE t.referral_id = referral_scores.referral_id AND t.agency_code = (SELECT occ_agency_scope())));
        CREATE POLICY indicator_sightings_exchange ON indicator_sightings FOR ALL TO occ_enrichment, occ_feedback, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY referral_links_exchange ON referral_links FOR ALL TO occ_enrichment, occ_feedback, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');

        -- Tasking. The worker inserts for the agency it scopes each route to (its conflict check
        -- needs the two key columns); the agency API reads and moves on its agency's taskings and
        -- records outcomes only against them.
        GRANT SELECT ON routing_rules TO occ_tasking;
        GRANT SELECT, INSERT, UPDATE ON routing_rules TO occ_operator;
        GRANT SELECT (referral_id, agency_code), INSERT ON taskings TO occ_tasking;
        GRANT SELECT, UPDATE (status, accepted_at, closed_at) ON taskings TO occ_agency_api;
        GRANT SELECT ON taskings TO occ_feedback, occ_operator;
        GRANT SELECT, INSERT ON outcomes TO occ_agency_api;
        GRANT SELECT ON outcomes TO occ_feedback, occ_operator;
        CREATE POLICY taskings_worker_scope ON taskings FOR SELECT TO occ_tasking
            USING ((SELECT occ_login_kind()) = 'exchange' AND agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY taskings_worker_insert ON taskings FOR INSERT TO occ_tasking
            WITH CHECK ((SELECT occ_login_kind()) = 'exchange' AND agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY taskings_agency_read ON taskings FOR SELECT TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY taskings_agency_update ON taskings FOR UPDATE TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope())) WITH CHECK (agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY taskings_exchange_read ON taskings FOR SELECT TO occ_feedback, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY outcomes_agency_read ON outcomes FOR SELECT TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY outcomes_agency_insert ON outcomes FOR INSERT TO occ_agency_api
            WITH CHECK (agency_code = (SELECT occ_agency_scope())
                        AND EXISTS (SELECT 1 FROM taskings t WHERE t.id = outcomes.tasking_id AND t.agency_code = outcomes.agency_code));
        CREATE POLICY outcomes_exchange_read ON outcomes FOR SELECT TO occ_feedback, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');

        -- Feedback: written per partner in scope, read by the partner in scope.
        GRANT SELECT, INSERT ON feedback_items TO occ_feedback;
        GRANT SELECT ON feedback_items TO occ_operator;
        CREATE POLICY feedback_items_partner_read ON feedback_items FOR SELECT TO occ_feedback
            USING (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY feedback_items_partner_insert ON feedback_items FOR INSERT TO occ_feedback
            WITH CHECK (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY feedback_items_exchange_read ON feedback_items FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');

        -- The queue, per queue: each worker role owns its queue's rows (claim, finish, retry,
        -- rescue, prune) and may add jobs to the next stage's queue, and see them (RETURNING and
        -- unique-key lookups). A partner-bound intake may enqueue only its own referrals; the
        -- agency API only feedback for outcomes it can see.
        ALTER TABLE occ_jobs ENABLE ROW LEVEL SECURITY;
        ALTER TABLE occ_job_history ENABLE ROW LEVEL SECURITY;
        GRANT SELECT, INSERT ON occ_jobs TO occ_intake, occ_agency_api;
        GRANT SELECT, INSERT, UPDATE, DELETE ON occ_jobs TO occ_enrichment, occ_tasking, occ_feedback, occ_operator;
        GRANT SELECT, INSERT, DELETE ON occ_job_history TO occ_enrichment, occ_tasking, occ_feedback;
        GRANT SELECT, INSERT, UPDATE, DELETE ON occ_job_history TO occ_operator;
        GRANT SELECT ON occ_queues TO occ_enrichment, occ_tasking, occ_feedback;
        GRANT SELECT, INSERT, UPDATE, DELETE ON occ_queues TO occ_operator;
        GRANT SELECT, INSERT, UPDATE ON occ_periodic_jobs TO occ_enrichment, occ_tasking, occ_feedback, occ_operator;
        CREATE POLICY occ_jobs_enrichment_own ON occ_jobs FOR ALL TO occ_enrichment
            USING (queue = 'enrichment' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'enrichment' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_jobs_tasking_own ON occ_jobs FOR ALL TO occ_tasking
            USING (queue = 'tasking' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'tasking' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_jobs_feedback_own ON occ_jobs FOR ALL TO occ_feedback
            USING (queue = 'feedback' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'feedback' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_jobs_intake_enqueue ON occ_jobs FOR INSERT TO occ_intake
            WITH CHECK (queue = 'enrichment' AND ((SELECT occ_login_kind()) = 'exchange'
                        OR occ_referral_partner((args->>'referral_id')::uuid) = (SELECT occ_partner_scope())));
        CREATE POLICY occ_jobs_intake_enqueued ON occ_jobs FOR SELECT TO occ_intake
            USING (queue = 'enrichment' AND ((SELECT occ_login_kind()) = 'exchange'
                   OR occ_referral_partner((args->>'referral_id')::uuid) = (SELECT occ_partner_scope())));
        CREATE POLICY occ_jobs_enrichment_enqueue ON occ_jobs FOR INSERT TO occ_enrichment
            WITH CHECK (queue = 'tasking' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_jobs_enrichment_enqueued ON occ_jobs FOR SELECT TO occ_enrichment
            USING (queue = 'tasking' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_jobs_agency_enqueue ON occ_jobs FOR INSERT TO occ_agency_api
            WITH CHECK (queue = 'feedback' AND occ_outcome_agency((args->>'outcome_id')::bigint) = (SELECT occ_agency_scope()));
        CREATE POLICY occ_jobs_agency_enqueued ON occ_jobs FOR SELECT TO occ_agency_api
            USING (queue = 'feedback' AND occ_outcome_agency((args->>'outcome_id')::bigint) = (SELECT occ_agency_scope()));
        CREATE POLICY occ_jobs_operator ON occ_jobs FOR ALL TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_job_history_enrichment_own ON occ_job_history FOR ALL TO occ_enrichment
            USING (queue = 'enrichment' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'enrichment' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_job_history_tasking_own ON occ_job_history FOR ALL TO occ_tasking
            USING (queue = 'tasking' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'tasking' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_job_history_feedback_own ON occ_job_history FOR ALL TO occ_feedback
            USING (queue = 'feedback' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'feedback' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_job_history_operator ON occ_job_history FOR ALL TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');

        -- The audit log records every organisation's actions (and who read what): services see
        -- only which rows are still unchained, for the chainer's last pass; the operator reads it.
        REVOKE SELECT ON audit_log FROM occ_intake, occ_enrichment, occ_tasking, occ_agency_api, occ_feedback;
        GRANT SELECT (id, chain_seq) ON audit_log TO occ_intake, occ_enrichment, occ_tasking, occ_agency_api, occ_feedback;
        """
}
