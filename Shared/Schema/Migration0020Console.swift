/// The oversight console (docs/console.md): sessions signed in with an API key, stored by the
/// hash of their token only, with an expiry and a revocation; the RAG thresholds and the
/// oversight floor as data the operator sets; benefit targets per period; and one definer
/// function giving feedback the overdue partner requests and RFIs per agency and sector as
/// counts (feedback reads requests only per partner otherwise).
enum Migration0020Console {
    static let sql = """
        CREATE TABLE console_sessions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
            key_id text NOT NULL REFERENCES api_keys (id),
            role text NOT NULL CHECK (role IN ('officer', 'oversight', 'partner')),
            actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
            partner_id bigint REFERENCES partners (id),
            officer_id bigint REFERENCES officers (id),
            agency_code text REFERENCES agencies (code),
            created_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz NOT NULL,
            revoked_at timestamptz,
            CHECK (expires_at > created_at),
            CHECK ((role = 'partner') = (partner_id IS NOT NULL)),
            CHECK ((role = 'officer') = (officer_id IS NOT NULL AND agency_code IS NOT NULL))
        );
        CREATE INDEX console_sessions_live ON console_sessions (expires_at) WHERE revoked_at IS NULL;
        GRANT SELECT, INSERT ON console_sessions TO occ_feedback;
        GRANT UPDATE (revoked_at) ON console_sessions TO occ_feedback, occ_operator;
        -- The operator lists and revokes sessions; it never needs the token hashes.
        GRANT SELECT (id, key_id, role, actor, partner_id, officer_id, agency_code, created_at, expires_at, revoked_at)
            ON console_sessions TO occ_operator;

        -- A measure's RAG rule: green at `green` or better, amber at `amber` or better, red beyond.
        CREATE TABLE rag_thresholds (
            measure text PRIMARY KEY CHECK (measure IN ('sla_compliance_pct', 'backlog', 'overdue_taskings', 'overdue_requests')),
            better text NOT NULL CHECK (better IN ('higher', 'lower')),
            green numeric(12, 2) NOT NULL,
            amber numeric(12, 2) NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            CHECK (CASE better WHEN 'higher' THEN green >= amber ELSE green <= amber END)
        );
        INSERT INTO rag_thresholds (measure, better, green, amber) VALUES
            ('sla_compliance_pct', 'higher', 90, 75),
            ('backlog', 'lower', 25, 50),
            ('overdue_taskings', 'lower', 0, 3),
            ('overdue_requests', 'lower', 0, 3);
        GRANT SELECT ON rag_thresholds TO occ_feedback, occ_operator;
        GRANT UPDATE (better, green, amber, updated_at) ON rag_thresholds TO occ_operator;

        -- Settings of the console held as data: the oversight role's floor below which counts are suppressed.
        CREATE TABLE console_settings (
            name text PRIMARY KEY CHECK (name IN ('oversight_floor')),
            value integer NOT NULL CHECK (value BETWEEN 1 AND 1000)
        );
        INSERT INTO console_settings (name, value) VALUES ('oversight_floor', 5);
        GRANT SELECT ON console_settings TO occ_feedback, occ_operator;
        GRANT UPDATE (value) ON console_settings TO occ_operator;

        -- Benefit targets for a period [period_from, period_to), by the report's figure names.
        CREATE TABLE benefit_targets (
            period_from date NOT NULL,
            period_to date NOT NULL,
            measure text NOT NULL CHECK (measure IN ('received', 'tasked', 'accepted', 'with_outcome', 'judicial',
                'money_protected_gbp', 'money_restrained_gbp', 'money_repatriated_gbp', 'disruptions')),
            target numeric(24, 2) NOT NULL CHECK (target >= 0),
            PRIMARY KEY (period_from, period_to, measure),
            CHECK (period_to > period_from)
        );
        GRANT SELECT ON benefit_targets TO occ_feedback, occ_operator;
        GRANT INSERT, UPDATE, DELETE ON benefit_targets TO occ_operator;

        -- Requests and RFIs still open at p_at past their deadline, counted per agency and per
        -- sector addressed (a request to two sectors counts once for each): counts, no content.
        CREATE FUNCTION occ_console_overdue_requests(p_at timestamptz)
            RETURNS TABLE (dimension text, key text, overdue bigint)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                WITH open_items AS (
                    SELECT r.agency_code,
                           ARRAY(SELECT DISTINCT p.sector FROM public.partner_request_recipients x
                                 JOIN public.partners p ON p.id = x.partner_id WHERE x.request_id = r.id) AS sectors
                    FROM public.partner_requests r
                    WHERE r.raised_at < $1 AND r.deadline < $1
                      AND NOT (r.status IN ('completed', 'declined') AND r.acted_at < $1)
                    UNION ALL
                    SELECT f.agency_code, ARRAY[p.sector]
                    FROM public.partner_rfis f JOIN public.partners p ON p.id = f.partner_id
                    WHERE f.asked_at < $1 AND f.deadline < $1 AND NOT (f.status = 'answered' AND f.answered_at < $1)
                )
                SELECT 'agency', agency_code, count(*) FROM open_items GROUP BY agency_code
                UNION ALL
                SELECT 'sector', s.sector, count(*) FROM open_items CROSS JOIN LATERAL unnest(sectors) AS s (sector) GROUP BY s.sector
            $$;
        REVOKE ALL ON FUNCTION occ_console_overdue_requests(timestamptz) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_console_overdue_requests(timestamptz) TO occ_feedback;
        """
}
