/// Retention as data: record classes, the rules that give each a review period, a disposal
/// action and the legal basis for it, a review date on every referral, legal holds, and the
/// `occ_retention` role that disposes (docs/retention.md).
///
/// - `retention_classes` lists what a rule can govern and which actions suit it; a later
///   migration adds a class with one INSERT (the job applies only the classes it knows).
/// - `retention_rules`: at most one active rule per class and crime type (a family such as
///   `fraud`, an exact type such as `fraud.app_investment`, or NULL for every type); the most
///   specific applies. Rules are retired, never deleted, so an audit event naming one resolves.
/// - Each referral carries its class, the rule, when its retention clock started (its last
///   state change) and its review date. Triggers keep them set-based, inside the statement
///   that changes the state, whoever runs it: a row trigger on the referral's insert and
///   status change (it only assigns NEW's columns, no second write) and a statement trigger on
///   `outcomes` (one UPDATE for all referrals the statement's outcomes touch: a later outcome
///   can make a tasked referral a judicial one without changing its status). A trigger on the
///   rules moves the review dates of the classes a rule change touches (same statement).
/// - The audit log is archived, never cut: `audit_archive(through, hash)`, a definer function of
///   `occ_audit_owner`, removes the chained rows up to a sequence number only when the row there
///   carries the hash the caller verified (against a signed checkpoint), records that boundary
///   in `audit_archives`, and always leaves the chain's head in place; the delete trigger lets
///   nothing else remove a row. A verifier starts from the newest boundary.
/// - `legal_holds` on a referral or a network (a hold on a network id also covers the networks
///   merged into it): a held referral is never disposed of.
enum Migration0018Retention {
    static let sql = classesAndRules + referrals + holds + grants + auditArchive

    static let classesAndRules = """
        DO $$
        BEGIN
            CREATE ROLE occ_retention NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Roles are cluster-wide: another database on this server may have created it.
            NULL;
        END
        $$;

        CREATE TABLE retention_classes (
            code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,63}$'),
            description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
            actions text[] NOT NULL CHECK (cardinality(actions) > 0
                AND actions <@ ARRAY['delete', 'anonymise', 'review', 'archive']::text[])
        );
        INSERT INTO retention_classes (code, description, actions) VALUES
            ('referral_untasked', 'A referral never tasked to an agency', '{anonymise,review}'),
            ('referral_tasked', 'A referral tasked to an agency, with no judicial outcome', '{anonymise,review}'),
            ('referral_judicial', 'A referral with a judicial outcome (charge or out-of-court disposal)', '{anonymise,review}'),
            ('indicators_sightings', 'Indicator values and sightings, disposed of with their referral', '{delete}'),
            ('links_networks', 'Links and network membership, disposed of with their referral', '{delete}'),
            ('feedback_items', 'Feedback items and feed entries, disposed of with their referral', '{delete}'),
            ('audit_events', 'The audit log: archived after a signed checkpoint', '{archive}');

        CREATE TABLE retention_rules (
            id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,64}$'),
            record_class text NOT NULL REFERENCES retention_classes (code),
            crime_type text CHECK (crime_type ~ '^(fraud|cyber)(\\.[a-z_]+)?$'),
            review_period interval NOT NULL CHECK (review_period >= interval '1 day'),
            action text NOT NULL CHECK (action IN ('delete', 'anonymise', 'review', 'archive')),
            legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
            source text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
            created_at timestamptz NOT NULL DEFAULT now(),
            retired_at timestamptz
        );
        CREATE UNIQUE INDEX retention_rules_active ON retention_rules (record_class, coalesce(crime_type, ''))
            WHERE retired_at IS NULL;
        CREATE FUNCTION occ_retention_rule_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            -- An unknown class is left to the foreign key, which names it.
            IF EXISTS (SELECT 1 FROM retention_classes c WHERE c.code = NEW.record_class AND NEW.action <> ALL (c.actions)) THEN
                RAISE EXCEPTION 'retention rule %: class % does not allow action %', NEW.id, NEW.record_class, NEW.action
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END
        $fn$;
        CREATE TRIGGER retention_rules_action BEFORE INSERT OR UPDATE ON retention_rules
            FOR EACH ROW EXECUTE FUNCTION occ_retention_rule_check();
        INSERT INTO retention_rules (id, record_class, crime_type, review_period, action, legal_basis, source) VALUES
            ('referral-untasked', 'referral_untasked', NULL, '2 years', 'anonymise',
             'DPA 2018 s.39 (storage limitation): no agency found a policing purpose to act on it [check]',
             'Exchange default pending the data-sharing agreements [check]'),
            ('referral-tasked', 'referral_tasked', NULL, '6 years', 'anonymise',
             'DPA 2018 s.39; MoPI review at 6 years for other police information (group 3) [check]',
             'APP Information Management: Management of Police Information [check]'),
            ('referral-judicial', 'referral_judicial', NULL, '6 years', 'review',
             'MoPI: records with a judicial outcome are reviewed, not disposed of automatically [check]',
             'APP Information Management: Management of Police Information [check]'),
            ('indicators-sightings', 'indicators_sightings', NULL, '2 years', 'delete',
             'DPA 2018 s.39: indicator values identify data subjects [check]', 'Exchange default [check]'),
            ('links-networks', 'links_networks', NULL, '2 years', 'delete',
             'DPA 2018 s.39: links reveal the disposed referral [check]', 'Exchange default [check]'),
            ('feedback-items', 'feedback_items', NULL, '2 years', 'delete',
             'DPA 2018 s.39; the partner''s data-sharing agreement [check]', 'Exchange default [check]'),
            ('audit-events', 'audit_events', NULL, '7 years', 'archive',
             'DPA 2018 s.62 logs kept to verify lawful processing [check]', 'Exchange default [check]');

        -- The class of a referral from its state, and the rule for a class and crime type.
        CREATE FUNCTION occ_retention_class(p_referral uuid, p_status text) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$
                SELECT CASE
                    WHEN EXISTS (SELECT 1 FROM public.outcomes o JOIN public.taskings t ON t.id = o.tasking_id
                                 WHERE t.referral_id = p_referral AND o.kind IN ('charged', 'out_of_court_disposal'))
                        THEN 'referral_judicial'
                    WHEN p_status IN ('tasked', 'actioned', 'closed')
                         OR EXISTS (SELECT 1 FROM public.taskings t WHERE t.referral_id = p_referral)
                        THEN 'referral_tasked'
                    ELSE 'referral_untasked' END
            $fn$;
        CREATE FUNCTION occ_retention_rule(p_class text, p_crime_type text, OUT rule_id text, OUT review_period interval)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$
                SELECT r.id, r.review_period FROM public.retention_rules r
                WHERE r.record_class = p_class AND r.retired_at IS NULL
                  AND (r.crime_type IS NULL OR r.crime_type = p_crime_type OR p_crime_type LIKE r.crime_type || '.%')
                ORDER BY r.crime_type IS NULL, length(r.crime_type) DESC
                LIMIT 1
            $fn$;

        """

    static let referrals = """
        ALTER TABLE referrals
            ADD COLUMN retention_class text REFERENCES retention_classes (code),
            ADD COLUMN retention_rule text REFERENCES retention_rules (id),
            ADD COLUMN retention_from timestamptz,
            ADD COLUMN review_at timestamptz,
            -- Set when a rule escalated the referral to a person's review instead of disposing of it.
            ADD COLUMN review_requested_at timestamptz,
            ADD COLUMN disposed_at timestamptz,
            ADD COLUMN disposal text CHECK (disposal IN ('anonymised')),
            ADD CONSTRAINT referrals_disposal_whole CHECK ((disposed_at IS NULL) = (disposal IS NULL));
        UPDATE referrals r SET retention_class = occ_retention_class(r.id, r.status), retention_from = r.received_at;
        UPDATE referrals r SET retention_rule = x.rule_id, review_at = r.retention_from + x.review_period
            FROM (SELECT id, (occ_retention_rule(retention_class, crime_type)).* FROM referrals) x WHERE x.id = r.id;
        ALTER TABLE referrals ALTER COLUMN retention_class SET NOT NULL, ALTER COLUMN retention_from SET NOT NULL;
        -- The disposal job's order: oldest review date first.
        CREATE INDEX referrals_review_due ON referrals (review_at, id)
            WHERE disposed_at IS NULL AND review_requested_at IS NULL AND review_at IS NOT NULL;

        -- On insert and on a change of status: the clock restarts and the date follows the rule.
        CREATE FUNCTION occ_referral_retention() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp
        AS $fn$
        DECLARE
            rule record;
        BEGIN
            IF NEW.disposed_at IS NOT NULL THEN
                RETURN NEW;
            END IF;
            NEW.retention_class := occ_retention_class(NEW.id, NEW.status);
            NEW.retention_from := CASE TG_OP WHEN 'INSERT' THEN coalesce(NEW.received_at, now()) ELSE now() END;
            SELECT * INTO rule FROM occ_retention_rule(NEW.retention_class, NEW.crime_type);
            NEW.retention_rule := rule.rule_id;
            NEW.review_at := NEW.retention_from + rule.review_period;
            RETURN NEW;
        END
        $fn$;
        CREATE TRIGGER referrals_retention_insert BEFORE INSERT ON referrals
            FOR EACH ROW EXECUTE FUNCTION occ_referral_retention();
        CREATE TRIGGER referrals_retention_status BEFORE UPDATE OF status ON referrals
            FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION occ_referral_retention();

        -- An outcome is a state change of its referral (and may make it a judicial one).
        CREATE FUNCTION occ_outcome_retention() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp
        AS $fn$
        BEGIN
            UPDATE public.referrals r
               SET retention_class = x.class, retention_rule = (x.rule).rule_id, retention_from = now(),
                   review_at = now() + (x.rule).review_period
              FROM (SELECT c.id, c.class, public.occ_retention_rule(c.class, c.crime_type) AS rule
                    FROM (SELECT DISTINCT ref.id, ref.crime_type, public.occ_retention_class(ref.id, ref.status) AS class
                          FROM new_outcomes o JOIN public.taskings t ON t.id = o.tasking_id
                          JOIN public.referrals ref ON ref.id = t.referral_id) c) x
             WHERE r.id = x.id AND r.disposed_at IS NULL;
            RETURN NULL;
        END
        $fn$;
        CREATE TRIGGER outcomes_retention AFTER INSERT ON outcomes REFERENCING NEW TABLE AS new_outcomes
            FOR EACH STATEMENT EXECUTE FUNCTION occ_outcome_retention();

        -- A rule added or retired: the classes it touches get their dates from the rules now active,
        -- counted from each referral's own clock.
        CREATE FUNCTION occ_retention_rules_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp
        AS $fn$
        BEGIN
            UPDATE public.referrals r
               SET retention_rule = (x.rule).rule_id, review_at = r.retention_from + (x.rule).review_period
              FROM (SELECT ref.id, public.occ_retention_rule(ref.retention_class, ref.crime_type) AS rule
                    FROM public.referrals ref
                    WHERE ref.disposed_at IS NULL AND ref.retention_class IN (SELECT record_class FROM changed_rules)) x
             WHERE r.id = x.id;
            RETURN NULL;
        END
        $fn$;
        CREATE TRIGGER retention_rules_added AFTER INSERT ON retention_rules REFERENCING NEW TABLE AS changed_rules
            FOR EACH STATEMENT EXECUTE FUNCTION occ_retention_rules_changed();
        CREATE TRIGGER retention_rules_retired AFTER UPDATE ON retention_rules REFERENCING NEW TABLE AS changed_rules
            FOR EACH STATEMENT EXECUTE FUNCTION occ_retention_rules_changed();

        """

    static let holds = """
        CREATE TABLE legal_holds (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            referral_id uuid REFERENCES referrals (id),
            network_id bigint REFERENCES networks (id),
            reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 1000),
            -- 'operator', or the officer ('officer:<id>@<agency>') for a hold through the agency API.
            placed_by text NOT NULL CHECK (length(placed_by) BETWEEN 1 AND 200),
            agency_code text REFERENCES agencies (code),
            placed_at timestamptz NOT NULL DEFAULT now(),
            held_until timestamptz,
            released_at timestamptz,
            released_by text CHECK (length(released_by) BETWEEN 1 AND 200),
            CHECK (num_nonnulls(referral_id, network_id) = 1),
            CHECK (held_until IS NULL OR held_until > placed_at),
            CHECK ((released_at IS NULL) = (released_by IS NULL))
        );
        CREATE INDEX legal_holds_referral ON legal_holds (referral_id) WHERE referral_id IS NOT NULL AND released_at IS NULL;
        CREATE INDEX legal_holds_network ON legal_holds (network_id) WHERE network_id IS NOT NULL AND released_at IS NULL;

        -- Whether a hold in force at p_at covers the referral, directly or through its network
        -- (or a network since merged into it).
        CREATE FUNCTION occ_retention_held(p_referral uuid, p_at timestamptz) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $fn$
                WITH RECURSIVE nets (id) AS (
                    SELECT m.network_id FROM public.network_members m WHERE m.referral_id = p_referral
                    UNION
                    SELECT n.id FROM public.networks n JOIN nets ON n.merged_into = nets.id
                )
                SELECT EXISTS (
                    SELECT 1 FROM public.legal_holds h
                    WHERE h.released_at IS NULL AND (h.held_until IS NULL OR h.held_until > p_at)
                      AND (h.referral_id = p_referral OR h.network_id IN (SELECT id FROM nets)))
            $fn$;

        """

    /// `occ_retention` reads what it must and deletes or rewrites only what disposal touches;
    /// row-level security lets it through as an exchange login only.
    static let grants = """
        REVOKE ALL ON FUNCTION occ_retention_class(uuid, text), occ_retention_rule(text, text),
            occ_retention_held(uuid, timestamptz) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_retention_class(uuid, text), occ_retention_rule(text, text)
            TO occ_intake, occ_enrichment, occ_tasking, occ_agency_api, occ_feedback, occ_operator, occ_retention;
        GRANT EXECUTE ON FUNCTION occ_retention_held(uuid, timestamptz) TO occ_operator, occ_retention;

        GRANT SELECT ON retention_classes, retention_rules TO occ_operator, occ_retention;
        GRANT INSERT, UPDATE (retired_at) ON retention_rules TO occ_operator;
        GRANT SELECT, INSERT, UPDATE (released_at, released_by) ON legal_holds TO occ_operator;
        -- A reviewer's decision to keep a referral: a new clock and review date, nothing else.
        GRANT UPDATE (retention_from, review_at, review_requested_at) ON referrals TO occ_operator;
        CREATE POLICY referrals_operator_review ON referrals FOR UPDATE TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        GRANT SELECT ON legal_holds TO occ_retention;
        -- An officer holds a referral tasked to their agency (POST /v1/taskings/{id}/hold) and
        -- sees their agency's holds; the exchange's operator sees and manages them all.
        GRANT SELECT, INSERT ON legal_holds TO occ_agency_api;
        ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
        CREATE POLICY legal_holds_operator ON legal_holds FOR ALL TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY legal_holds_retention ON legal_holds FOR SELECT TO occ_retention
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY legal_holds_agency_read ON legal_holds FOR SELECT TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY legal_holds_agency_place ON legal_holds FOR INSERT TO occ_agency_api
            WITH CHECK (agency_code = (SELECT occ_agency_scope()) AND network_id IS NULL AND released_at IS NULL
                        AND EXISTS (SELECT 1 FROM taskings t
                                    WHERE t.referral_id = legal_holds.referral_id AND t.agency_code = legal_holds.agency_code));
        GRANT SELECT (id, merged_into) ON networks TO occ_retention;
        GRANT UPDATE (referral_count, indicator_count, partner_count, sector_count, updated_at) ON networks TO occ_retention;

        GRANT SELECT ON referrals, referral_indicators, indicator_sightings, referral_links, indicators, indicator_partners,
            network_members, network_keys, network_partners, feedback_items TO occ_retention;
        GRANT UPDATE (summary, canonical, raw, partner_reference, fingerprint, review_requested_at, disposed_at, disposal)
            ON referrals TO occ_retention;
        GRANT DELETE ON referral_indicators, indicator_sightings, referral_links, indicators, indicator_partners,
            network_members, network_keys, network_partners, feedback_items TO occ_retention;
        GRANT UPDATE (sightings, distinct_partners, distinct_sectors, first_seen, last_seen) ON indicators TO occ_retention;
        GRANT SELECT (referral_id, network_id), UPDATE (network_id, enrichment) ON referral_scores TO occ_retention;
        GRANT SELECT (id, referral_id) ON taskings TO occ_retention;
        GRANT SELECT (id, tasking_id, outcome, partner_note), UPDATE (outcome, partner_note) ON outcomes TO occ_retention;
        GRANT SELECT ON occ_schema_migrations TO occ_retention;
        DO $$
        DECLARE table_name text;
        BEGIN
            FOREACH table_name IN ARRAY ARRAY['referrals', 'referral_indicators', 'indicator_sightings', 'referral_links',
                    'indicator_partners', 'network_members', 'network_partners', 'feedback_items', 'referral_scores',
                    'taskings', 'outcomes'] LOOP
                EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO occ_retention USING ((SELECT occ_login_kind()) = %L) '
                               'WITH CHECK ((SELECT occ_login_kind()) = %L)', table_name || '_retention', table_name,
                               'exchange', 'exchange');
            END LOOP;
        END
        $$;
        GRANT EXECUTE ON FUNCTION occ_login_kind() TO occ_retention;

        -- The retention queue, as each worker role owns its own (migration 7).
        GRANT SELECT, INSERT, UPDATE, DELETE ON occ_jobs TO occ_retention;
        GRANT SELECT, INSERT, DELETE ON occ_job_history TO occ_retention;
        GRANT SELECT ON occ_queues TO occ_retention;
        GRANT SELECT, INSERT, UPDATE ON occ_periodic_jobs TO occ_retention;
        CREATE POLICY occ_jobs_retention_own ON occ_jobs FOR ALL TO occ_retention
            USING (queue = 'retention' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'retention' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_job_history_retention_own ON occ_job_history FOR ALL TO occ_retention
            USING (queue = 'retention' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'retention' AND (SELECT occ_login_kind()) = 'exchange');

        -- Every disposal is audited, as the services append (and chain: the worker runs a chainer).
        GRANT SELECT (id, chain_seq) ON audit_log TO occ_retention;
        DO $$
        DECLARE item record;
        BEGIN
            FOR item IN
                SELECT format('GRANT %s ON %s %s TO occ_retention', a.privilege_type,
                              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.oid::regclass) AS statement
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
                WHERE n.nspname = 'public' AND c.relname LIKE 'audit%' AND a.grantee = 'occ_tasking'::regrole
                UNION ALL
                SELECT format('GRANT EXECUTE ON FUNCTION %s TO occ_retention', p.oid::regprocedure)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, aclexplode(p.proacl) a
                WHERE n.nspname = 'public' AND p.proname LIKE 'audit%' AND a.grantee = 'occ_tasking'::regrole
            LOOP
                EXECUTE item.statement;
            END LOOP;
        END
        $$;
        """

    static let auditArchive = """

        CREATE TABLE audit_archives (
            through_seq bigint PRIMARY KEY CHECK (through_seq > 0),
            boundary_hash text NOT NULL CHECK (boundary_hash ~ '^[0-9a-f]{64}$'),
            archived_rows bigint NOT NULL CHECK (archived_rows >= 0),
            archived_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            archived_by text NOT NULL DEFAULT session_user
        );

        -- Rows leave only through audit_archive, and only up to a recorded boundary.
        CREATE FUNCTION audit_log_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF current_user = 'occ_audit_owner' AND OLD.chain_seq IS NOT NULL
               AND OLD.chain_seq <= (SELECT max(a.through_seq) FROM audit_archives a) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'audit_log is append-only: rows leave only through audit_archive()' USING ERRCODE = 'insufficient_privilege';
        END
        $fn$;
        DROP TRIGGER audit_log_no_delete ON audit_log;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_delete();

        CREATE FUNCTION audit_archive(p_through bigint, p_hash text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER AS $fn$
        DECLARE
            previous bigint;
            found_hash text;
            removed bigint;
        BEGIN
            -- One archiving at a time, and none while the chainer links (its lock).
            PERFORM pg_advisory_xact_lock(878871411786);
            SELECT coalesce(max(through_seq), 0) INTO previous FROM audit_archives;
            IF p_through IS NULL OR p_through <= previous THEN
                RAISE EXCEPTION 'audit_archive: rows up to seq % are archived already', previous USING ERRCODE = 'invalid_parameter_value';
            END IF;
            IF p_through >= (SELECT max(chain_seq) FROM audit_log) THEN
                RAISE EXCEPTION 'audit_archive: the chain''s head stays (archive below seq %)', (SELECT max(chain_seq) FROM audit_log)
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            SELECT hash INTO found_hash FROM audit_log WHERE chain_seq = p_through;
            IF found_hash IS DISTINCT FROM p_hash THEN
                RAISE EXCEPTION 'audit_archive: the row numbered % does not carry the verified hash', p_through
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            INSERT INTO audit_archives (through_seq, boundary_hash, archived_rows) VALUES (p_through, p_hash, 0);
            DELETE FROM audit_log WHERE chain_seq > previous AND chain_seq <= p_through;
            GET DIAGNOSTICS removed = ROW_COUNT;
            UPDATE audit_archives SET archived_rows = removed WHERE through_seq = p_through;
            RETURN removed;
        END
        $fn$;
        DO $$
        BEGIN
            EXECUTE format('ALTER FUNCTION audit_archive(bigint, text) SET search_path = pg_catalog, %I, pg_temp', current_schema());
            IF NOT pg_has_role(current_user, 'occ_audit_owner', 'MEMBER') THEN
                EXECUTE format('GRANT occ_audit_owner TO %I', current_user);
            END IF;
            EXECUTE format('GRANT CREATE ON SCHEMA %I TO occ_audit_owner', current_schema());
            ALTER FUNCTION audit_archive(bigint, text) OWNER TO occ_audit_owner;
            EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM occ_audit_owner', current_schema());
        END
        $$;
        REVOKE ALL ON FUNCTION audit_archive(bigint, text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION audit_archive(bigint, text) TO occ_operator;
        GRANT SELECT, INSERT, UPDATE (archived_rows) ON audit_archives TO occ_audit_owner;
        GRANT DELETE ON audit_log TO occ_audit_owner;
        GRANT SELECT ON audit_archives TO occ_operator;
        """
}
