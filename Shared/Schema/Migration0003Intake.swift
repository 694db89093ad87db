/// Intake's tables: partners, agencies, API keys, referrals with their indicators, and the
/// hash-chained audit log every service appends to.
///
/// Row-level security: `occ_intake` sees only the referrals (and indicators) of the partner named
/// by the transaction-local setting `occ.partner_id`, which the service sets from the
/// authenticated key in every transaction. An unset setting matches nothing. Enrichment reads all
/// referrals (it correlates across partners); the operator role reads everything. Tables holding
/// a `partner_id` copy it onto each indicator so the policy needs no join.
enum Migration0003Intake {
    static let sql = """
        CREATE TABLE partners (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
            sector text NOT NULL CHECK (sector IN ('telco', 'tech', 'cyber', 'finance')),
            -- Filled in by the feedback service's webhook registration.
            webhook_url text CHECK (webhook_url IS NULL OR length(webhook_url) <= 2048),
            webhook_secret text,
            created_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE agencies (
            code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
            name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
        );
        INSERT INTO agencies (code, name) VALUES
            ('NCA_TICAT', 'NCA National Cyber Crime Unit — Triage, Incident Coordination & Tasking'),
            ('COLP_FTC', 'City of London Police — Fraud Targeting Cell'),
            ('REPORT_FRAUD', 'City of London Police — Report Fraud and NFIB'),
            ('NCA_INTERNATIONAL', 'NCA — International enquiries'),
            ('ROCU', 'Regional Organised Crime Units');

        -- A key belongs to a partner, an agency, or neither (oversight and admin keys).
        CREATE TABLE api_keys (
            id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{4,32}$'),
            partner_id bigint REFERENCES partners (id),
            agency_code text REFERENCES agencies (code),
            scopes text[] NOT NULL CHECK (
                cardinality(scopes) > 0
                AND scopes <@ ARRAY['partner:submit', 'partner:feedback', 'agency:tasking', 'oversight', 'admin']::text[]),
            secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
            created_at timestamptz NOT NULL DEFAULT now(),
            revoked_at timestamptz,
            CHECK (num_nonnulls(partner_id, agency_code) <= 1)
        );

        CREATE SEQUENCE referral_reference_seq;

        CREATE TABLE referrals (
            id uuid PRIMARY KEY,
            -- The human reference partners quote on the phone, e.g. OCC-2026-000123.
            reference text NOT NULL UNIQUE DEFAULT
                ('OCC-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('referral_reference_seq')::text, 6, '0')),
            partner_id bigint NOT NULL REFERENCES partners (id),
            partner_reference text NOT NULL CHECK (length(partner_reference) BETWEEN 1 AND 100),
            -- SHA-256 of the canonical referral: same reference + same fingerprint is a replay.
            fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
            crime_type text NOT NULL CHECK (crime_type ~ '^(fraud|cyber)\\.[a-z_]+$'),
            summary text CHECK (length(summary) <= 10000),
            first_seen timestamptz,
            last_seen timestamptz,
            victim_count integer CHECK (victim_count >= 0),
            victims_vulnerable boolean,
            vulnerability_level text CHECK (vulnerability_level IN ('low', 'medium', 'high')),
            loss_amount numeric(24, 4) CHECK (loss_amount >= 0),
            loss_currency text CHECK (loss_currency ~ '^[A-Z]{3}$'),
            overseas boolean NOT NULL,
            gateway text NOT NULL,
            tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
            source_eval smallint NOT NULL CHECK (source_eval BETWEEN 1 AND 3),
            intel_assessment text NOT NULL CHECK (intel_assessment IN ('A', 'B', 'C', 'D', 'E')),
            handling_code text NOT NULL CHECK (handling_code IN ('P', 'C')),
            handling_conditions text CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL)),
            status text NOT NULL DEFAULT 'received'
                CHECK (status IN ('received', 'enriched', 'tasked', 'actioned', 'closed')),
            channel text NOT NULL CHECK (channel IN ('json', 'bulk', 'stix')),
            trace_id text NOT NULL CHECK (length(trace_id) BETWEEN 1 AND 128),
            received_at timestamptz NOT NULL DEFAULT now(),
            -- The validated, canonical referral (Domain's ValidReferral) for later stages.
            canonical jsonb NOT NULL,
            -- The submission as the partner sent it.
            raw jsonb NOT NULL,
            UNIQUE (partner_id, partner_reference)
        );
        -- A partner's polling order (GET /v1/referrals?since=).
        CREATE INDEX referrals_partner_received ON referrals (partner_id, received_at, id);

        CREATE TABLE referral_indicators (
            referral_id uuid NOT NULL REFERENCES referrals (id),
            position smallint NOT NULL CHECK (position >= 0),
            partner_id bigint NOT NULL REFERENCES partners (id),
            kind text NOT NULL,
            -- As the partner wrote it (before canonicalisation).
            value text NOT NULL CHECK (length(value) <= 8192),
            canonical_value text NOT NULL,
            -- Correlation joins on these: `kind:value`, plus aliases naming the same thing.
            correlation_key text NOT NULL,
            aliases text[] NOT NULL DEFAULT '{}',
            PRIMARY KEY (referral_id, position)
        );
        CREATE INDEX referral_indicators_key ON referral_indicators (correlation_key);

        ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
        ALTER TABLE referral_indicators ENABLE ROW LEVEL SECURITY;
        CREATE POLICY referrals_intake_own_partner ON referrals TO occ_intake
            USING (partner_id = nullif(current_setting('occ.partner_id', true), '')::bigint)
            WITH CHECK (partner_id = nullif(current_setting('occ.partner_id', true), '')::bigint);
        CREATE POLICY referral_indicators_intake_own_partner ON referral_indicators TO occ_intake
            USING (partner_id = nullif(current_setting('occ.partner_id', true), '')::bigint)
            WITH CHECK (partner_id = nullif(current_setting('occ.partner_id', true), '')::bigint);
        CREATE POLICY referrals_read_all ON referrals FOR SELECT TO occ_enrichment, occ_operator USING (true);
        CREATE POLICY referral_indicators_read_all ON referral_indicators FOR SELECT TO occ_enrichment, occ_operator
            USING (true);
        -- Enrichment moves a referral's status on.
        CREATE POLICY referrals_enrichment_status ON referrals FOR UPDATE TO occ_enrichment USING (true) WITH CHECK (true);

        -- Append-only and hash-chained: hash = sha256(prev_hash || event), event being canonical JSON.
        CREATE TABLE audit_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            occurred_at timestamptz NOT NULL DEFAULT now(),
            actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
            action text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
            subject_type text NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 100),
            subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 200),
            trace_id text,
            event text NOT NULL,
            prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
            hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
        );
        CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

        GRANT SELECT ON partners, agencies TO occ_intake, occ_enrichment, occ_tasking, occ_feedback;
        GRANT SELECT, INSERT, UPDATE ON partners, api_keys TO occ_operator;
        GRANT SELECT ON agencies TO occ_operator;
        -- Every service authenticates its callers.
        GRANT SELECT ON api_keys TO occ_intake, occ_tasking, occ_feedback;
        GRANT SELECT, INSERT ON referrals, referral_indicators TO occ_intake;
        GRANT USAGE ON SEQUENCE referral_reference_seq TO occ_intake;
        GRANT SELECT ON referrals, referral_indicators TO occ_enrichment, occ_operator;
        GRANT UPDATE (status) ON referrals TO occ_enrichment;
        GRANT SELECT, INSERT ON audit_log TO occ_intake, occ_enrichment, occ_tasking, occ_feedback, occ_operator;
        -- Readiness checks compare the applied migrations with the service's own list.
        GRANT SELECT ON occ_schema_migrations TO occ_intake, occ_enrichment, occ_tasking, occ_feedback, occ_operator;
        """
}
