/// The pipeline's tables: enrichment (indicators, sightings, links, scores), tasking (routing
/// rules, taskings, outcomes) and feedback (sanitised items for partners).
///
/// Correlation: `indicator_sightings` holds one row per (correlation key, referral); `indicators`
/// keeps the per-key aggregate (first/last seen, distinct partners and sectors); `referral_links`
/// holds both directions of pairs of referrals sharing a key (each new referral links to at most
/// the most recent few hundred per key, so a hot key cannot explode the table); a network is the closure.
///
/// Row-level security: an agency sees only its own taskings and outcomes
/// (`occ.agency_code`); a partner only its own feedback (`occ.partner_id`). The workers write
/// for every agency and partner, so their INSERT policies check nothing but their reads do.
/// Routing rules are seeded with `RoutingRule.defaults` (a test keeps the two equal).
enum Migration0004Pipeline {
    static let sql = """
        CREATE TABLE indicators (
            key text PRIMARY KEY CHECK (length(key) BETWEEN 3 AND 8300),
            first_seen timestamptz NOT NULL,
            last_seen timestamptz NOT NULL,
            distinct_partners integer NOT NULL CHECK (distinct_partners >= 1),
            distinct_sectors integer NOT NULL CHECK (distinct_sectors >= 1)
        );

        CREATE TABLE indicator_sightings (
            key text NOT NULL,
            referral_id uuid NOT NULL REFERENCES referrals (id),
            partner_id bigint NOT NULL REFERENCES partners (id),
            sector text NOT NULL,
            seen_at timestamptz NOT NULL,
            PRIMARY KEY (key, referral_id)
        );
        CREATE INDEX indicator_sightings_referral ON indicator_sightings (referral_id);
        -- Linking reads the most recent sightings of a key only.
        CREATE INDEX indicator_sightings_recent ON indicator_sightings (key, seen_at DESC);

        CREATE TABLE referral_links (
            referral_id uuid NOT NULL REFERENCES referrals (id),
            linked_referral_id uuid NOT NULL REFERENCES referrals (id),
            key text NOT NULL,
            linked_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (referral_id, linked_referral_id, key),
            CHECK (referral_id <> linked_referral_id)
        );

        CREATE TABLE referral_scores (
            referral_id uuid PRIMARY KEY REFERENCES referrals (id),
            score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
            -- HarmScore's components, as computed.
            components jsonb NOT NULL,
            distinct_partners integer NOT NULL CHECK (distinct_partners >= 1),
            distinct_sectors integer NOT NULL CHECK (distinct_sectors >= 1),
            linked_referrals integer NOT NULL CHECK (linked_referrals >= 0),
            scored_at timestamptz NOT NULL DEFAULT now()
        );

        -- One Domain RoutingRule per row, in evaluation order; edited with `occ rules`.
        CREATE TABLE routing_rules (
            id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,64}$'),
            position integer NOT NULL UNIQUE,
            rule jsonb NOT NULL CHECK (rule->>'id' = id),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        INSERT INTO routing_rules (id, position, rule) VALUES
            ('cyber-ticat-high-harm', 10, '{"id": "cyber-ticat-high-harm", "description": "High-harm cyber incidents go to NCA TICAT as P1", "enabled": true, "match": {"crime_families": ["cyber"], "minimum_score": 70}, "route": {"team": "NCA_TICAT", "priority": "P1", "sla_hours": 4}}'),
            ('cyber-ticat', 20, '{"id": "cyber-ticat", "description": "Cyber incidents go to NCA TICAT for triage", "enabled": true, "match": {"crime_families": ["cyber"]}, "route": {"team": "NCA_TICAT", "priority": "P2", "sla_hours": 24}}'),
            ('fraud-ftc-corroborated', 30, '{"id": "fraud-ftc-corroborated", "description": "Fraud corroborated by two or more partners goes to the CoLP Fraud Targeting Cell", "enabled": true, "match": {"crime_families": ["fraud"], "minimum_distinct_partners": 2}, "route": {"team": "COLP_FTC", "priority": "P2", "sla_hours": 72}}'),
            ('fraud-report-fraud', 40, '{"id": "fraud-report-fraud", "description": "All fraud goes to Report Fraud for crime recording", "enabled": true, "match": {"crime_families": ["fraud"]}, "route": {"team": "REPORT_FRAUD", "priority": "P3", "sla_hours": 336}}'),
            ('overseas-nca-international', 50, '{"id": "overseas-nca-international", "description": "Anything with an overseas element goes to NCA international enquiries", "enabled": true, "match": {"overseas": true}, "route": {"team": "NCA_INTERNATIONAL", "priority": "P3", "sla_hours": 168}}');

        CREATE TABLE taskings (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            referral_id uuid NOT NULL REFERENCES referrals (id),
            agency_code text NOT NULL REFERENCES agencies (code),
            priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
            sla_deadline timestamptz NOT NULL,
            rule_ids text[] NOT NULL,
            status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'closed')),
            created_at timestamptz NOT NULL DEFAULT now(),
            accepted_at timestamptz,
            closed_at timestamptz,
            UNIQUE (referral_id, agency_code)
        );
        CREATE INDEX taskings_agency_queue ON taskings (agency_code, status, priority, sla_deadline);

        CREATE TABLE outcomes (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tasking_id uuid NOT NULL REFERENCES taskings (id),
            agency_code text NOT NULL REFERENCES agencies (code),
            kind text NOT NULL,
            home_office_code smallint,
            disruptions jsonb NOT NULL DEFAULT '[]',
            money_protected numeric(24, 4),
            money_protected_currency text CHECK (money_protected_currency ~ '^[A-Z]{3}$'),
            embargo_until timestamptz,
            partner_note text CHECK (length(partner_note) <= 2000),
            -- Domain's Outcome as validated, for the feedback worker.
            outcome jsonb NOT NULL,
            recorded_by text NOT NULL,
            recorded_at timestamptz NOT NULL
        );
        CREATE INDEX outcomes_tasking ON outcomes (tasking_id, recorded_at);

        CREATE TABLE feedback_items (
            -- FeedbackItem's deterministic id: redelivery of the same feedback is a no-op.
            id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
            partner_id bigint NOT NULL REFERENCES partners (id),
            referral_id uuid NOT NULL REFERENCES referrals (id),
            outcome_id bigint NOT NULL REFERENCES outcomes (id),
            status text NOT NULL CHECK (status IN ('being_actioned', 'outcome_recorded')),
            category text,
            -- The sanitised FeedbackItem exactly as the partner receives it.
            item jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        CREATE INDEX feedback_items_partner_since ON feedback_items (partner_id, created_at, id);

        ALTER TABLE taskings ENABLE ROW LEVEL SECURITY;
        ALTER TABLE outcomes ENABLE ROW LEVEL SECURITY;
        ALTER TABLE feedback_items ENABLE ROW LEVEL SECURITY;
        CREATE POLICY taskings_agency_own ON taskings FOR SELECT TO occ_tasking
            USING (agency_code = current_setting('occ.agency_code', true));
        CREATE POLICY taskings_agency_update ON taskings FOR UPDATE TO occ_tasking
            USING (agency_code = current_setting('occ.agency_code', true))
            WITH CHECK (agency_code = current_setting('occ.agency_code', true));
        CREATE POLICY taskings_worker_insert ON taskings FOR INSERT TO occ_tasking WITH CHECK (true);
        CREATE POLICY taskings_read_all ON taskings FOR SELECT TO occ_feedback, occ_operator USING (true);
        CREATE POLICY outcomes_agency_own ON outcomes FOR SELECT TO occ_tasking
            USING (agency_code = current_setting('occ.agency_code', true));
        CREATE POLICY outcomes_agency_insert ON outcomes FOR INSERT TO occ_tasking
            WITH CHECK (agency_code = current_setting('occ.agency_code', true));
        CREATE POLICY outcomes_read_all ON outcomes FOR SELECT TO occ_feedback, occ_operator USING (true);
        CREATE POLICY feedback_items_partner_own ON feedback_items FOR SELECT TO occ_feedback
            USING (partner_id = nullif(current_setting('occ.partner_id', true), '')::bigint);
        CREATE POLICY feedback_items_worker_insert ON feedback_items FOR INSERT TO occ_feedback WITH CHECK (true);
        CREATE POLICY feedback_items_read_all ON feedback_items FOR SELECT TO occ_operator USING (true);
        -- Tasking and feedback read referrals across partners (routing, recipients, the benefits report).
        CREATE POLICY referrals_read_pipeline ON referrals FOR SELECT TO occ_tasking, occ_feedback USING (true);
        CREATE POLICY referrals_tasking_status ON referrals FOR UPDATE TO occ_tasking USING (true) WITH CHECK (true);

        GRANT SELECT, INSERT, UPDATE ON indicators, referral_scores TO occ_enrichment;
        GRANT SELECT, INSERT ON indicator_sightings, referral_links TO occ_enrichment;
        GRANT SELECT ON referral_scores, routing_rules TO occ_tasking;
        GRANT SELECT, INSERT, UPDATE ON taskings TO occ_tasking;
        GRANT SELECT, INSERT ON outcomes TO occ_tasking;
        GRANT SELECT ON referrals TO occ_tasking, occ_feedback;
        GRANT UPDATE (status) ON referrals TO occ_tasking;
        GRANT SELECT ON indicator_sightings, referral_links, taskings, outcomes TO occ_feedback;
        GRANT SELECT, INSERT ON feedback_items TO occ_feedback;
        GRANT SELECT ON indicators, indicator_sightings, referral_links, referral_scores, taskings, outcomes,
            feedback_items TO occ_operator;
        GRANT SELECT, INSERT, UPDATE ON routing_rules TO occ_operator;
        """
}
