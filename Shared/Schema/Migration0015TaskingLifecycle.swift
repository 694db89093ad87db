/// The rest of the outcome lifecycle, SLAs, transfers and lead agencies.
///
/// - Outcomes get money restrained and repatriated as columns beside money protected (amount and
///   currency each), the disruption's assessed severity (`disruption_severities`, data), the
///   number of suspects and an OCG reference; rows recorded before are filled from `outcome`.
/// - SLAs: `sla_policies` (data) says at what fraction of the time to its deadline a tasking is
///   flagged as at warning. `occ_sla_sweep(now)` flags every due tasking in one statement, each
///   flag once (`sla_warned_at`, `sla_overdue_at`: an overdue tasking is on its agency's
///   supervisor list). The clock stops while `sla_paused_since` is set (waiting on a partner);
///   the paused time accumulates in `sla_paused_total` and moves the effective deadline, so
///   `sla_deadline` itself (the work list's order) never changes.
/// - Transfers: `occ_tasking_transfer` moves a tasking of the caller's agency to another agency
///   (the gateway must permit it, the agency must not hold the referral already) and records it
///   in `tasking_transfers`, which both agencies read.
/// - Lead agency per network (`network_leads`), designated by an agency holding a tasking in the
///   network; `occ_tasking_deconfliction` tells an agency's tasking when several agencies hold
///   open taskings in its network, and which of them leads.
/// The agency API reaches other agencies' rows only through these definer functions.
enum Migration0015TaskingLifecycle {
    static let sql = """
        CREATE TABLE disruption_severities (
            code text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
            rank smallint NOT NULL UNIQUE,
            title text NOT NULL
        );
        INSERT INTO disruption_severities (code, rank, title) VALUES
            ('major', 1, 'Major: the network is dismantled or its capability removed'),
            ('moderate', 2, 'Moderate: the network''s activity is significantly impeded'),
            ('minor', 3, 'Minor: a short-lived or partial impact');

        ALTER TABLE outcomes
            ADD COLUMN money_restrained numeric(24, 4),
            ADD COLUMN money_restrained_currency text CHECK (money_restrained_currency ~ '^[A-Z]{3}$'),
            ADD COLUMN money_repatriated numeric(24, 4),
            ADD COLUMN money_repatriated_currency text CHECK (money_repatriated_currency ~ '^[A-Z]{3}$'),
            ADD COLUMN disruption_severity text REFERENCES disruption_severities (code),
            ADD COLUMN suspects integer CHECK (suspects BETWEEN 0 AND 10000),
            ADD COLUMN ocg_reference text CHECK (length(ocg_reference) BETWEEN 1 AND 64);
        UPDATE outcomes SET
            money_restrained = (outcome->'assets_restrained'->>'amount')::numeric,
            money_restrained_currency = outcome->'assets_restrained'->>'currency',
            money_repatriated = (outcome->'money_repatriated'->>'amount')::numeric,
            money_repatriated_currency = outcome->'money_repatriated'->>'currency'
        WHERE outcome ? 'assets_restrained' OR outcome ? 'money_repatriated';
        ALTER TABLE outcomes
            ADD CONSTRAINT outcomes_money_protected_whole CHECK ((money_protected IS NULL) = (money_protected_currency IS NULL)),
            ADD CONSTRAINT outcomes_money_restrained_whole CHECK ((money_restrained IS NULL) = (money_restrained_currency IS NULL)),
            ADD CONSTRAINT outcomes_money_repatriated_whole CHECK ((money_repatriated IS NULL) = (money_repatriated_currency IS NULL));

        CREATE TABLE sla_policies (
            priority text PRIMARY KEY CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
            warning_fraction numeric(4, 3) NOT NULL CHECK (warning_fraction > 0 AND warning_fraction < 1)
        );
        INSERT INTO sla_policies (priority, warning_fraction) VALUES ('P1', 0.5), ('P2', 0.75), ('P3', 0.75), ('P4', 0.8);
        ALTER TABLE taskings
            ADD COLUMN sla_paused_since timestamptz,
            ADD COLUMN sla_paused_total interval NOT NULL DEFAULT interval '0' CHECK (sla_paused_total >= interval '0'),
            ADD COLUMN sla_warned_at timestamptz,
            ADD COLUMN sla_overdue_at timestamptz;
        -- The sweep reads only taskings that may still be flagged.
        CREATE INDEX taskings_sla_open ON taskings (sla_deadline) WHERE status <> 'closed' AND sla_overdue_at IS NULL;

        -- Flags, in one statement, every open tasking without an outcome whose (pause-adjusted)
        -- warning point or deadline has passed at p_now; each flag is set once. Rows an officer
        -- holds locked are skipped: the next sweep takes them. Returns one row per flag set.
        CREATE FUNCTION occ_sla_sweep(p_now timestamptz)
            RETURNS TABLE (tasking_id uuid, agency_code text, flag text, trace_id text, due_at timestamptz)
            LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
            WITH due AS (
                SELECT t.id, t.sla_warned_at IS NULL AS unwarned, t.sla_deadline + t.sla_paused_total AS due_at,
                       p_now >= t.sla_deadline + t.sla_paused_total AS overdue
                FROM taskings t JOIN sla_policies p ON p.priority = t.priority
                WHERE t.status <> 'closed' AND t.sla_overdue_at IS NULL AND t.sla_paused_since IS NULL
                  AND p_now >= t.created_at + (t.sla_deadline - t.created_at) * p.warning_fraction::float8 + t.sla_paused_total
                  AND (t.sla_warned_at IS NULL OR p_now >= t.sla_deadline + t.sla_paused_total)
                  AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.tasking_id = t.id)
            ), locked AS (
                -- Only the due rows are locked, never the whole open list.
                SELECT t.id FROM taskings t JOIN due d ON d.id = t.id FOR UPDATE OF t SKIP LOCKED
            ), flagged AS (
                UPDATE taskings t SET sla_warned_at = coalesce(t.sla_warned_at, p_now),
                                      sla_overdue_at = CASE WHEN d.overdue THEN p_now END
                FROM due d JOIN locked l ON l.id = d.id
                WHERE t.id = d.id AND t.status <> 'closed' AND t.sla_overdue_at IS NULL AND t.sla_paused_since IS NULL
                RETURNING t.id, t.agency_code, t.referral_id, d.due_at, d.overdue, d.unwarned
            )
            SELECT f.id, f.agency_code, x.flag, r.trace_id, f.due_at
            FROM flagged f JOIN referrals r ON r.id = f.referral_id
            CROSS JOIN LATERAL (VALUES ('warning', f.unwarned), ('overdue', f.overdue)) AS x (flag, raised)
            WHERE x.raised
            ORDER BY f.id, x.flag DESC
        $fn$;
        REVOKE ALL ON FUNCTION occ_sla_sweep(timestamptz) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_sla_sweep(timestamptz) TO occ_tasking;

        -- The clock-stop: a tasking of the caller's agency waits on a partner from p_at, or stops
        -- waiting at p_at (the paused time is added to its total). Returns whether it changed.
        CREATE FUNCTION occ_tasking_sla_pause(p_tasking uuid, p_at timestamptz) RETURNS boolean
            LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
            WITH paused AS (
                UPDATE taskings SET sla_paused_since = p_at
                WHERE id = p_tasking AND agency_code = (SELECT occ_agency_scope()) AND sla_paused_since IS NULL AND status <> 'closed'
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM paused)
        $fn$;
        CREATE FUNCTION occ_tasking_sla_resume(p_tasking uuid, p_at timestamptz) RETURNS boolean
            LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
            WITH resumed AS (
                UPDATE taskings SET sla_paused_total = sla_paused_total + greatest(p_at - sla_paused_since, interval '0'),
                                    sla_paused_since = NULL
                WHERE id = p_tasking AND agency_code = (SELECT occ_agency_scope()) AND sla_paused_since IS NOT NULL
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM resumed)
        $fn$;
        REVOKE ALL ON FUNCTION occ_tasking_sla_pause(uuid, timestamptz), occ_tasking_sla_resume(uuid, timestamptz) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_tasking_sla_pause(uuid, timestamptz), occ_tasking_sla_resume(uuid, timestamptz) TO occ_agency_api;

        CREATE TABLE tasking_transfers (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tasking_id uuid NOT NULL REFERENCES taskings (id),
            referral_id uuid NOT NULL REFERENCES referrals (id),
            from_agency text NOT NULL REFERENCES agencies (code),
            to_agency text NOT NULL REFERENCES agencies (code),
            reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
            transferred_by text NOT NULL,
            transferred_at timestamptz NOT NULL DEFAULT now(),
            CHECK (from_agency <> to_agency)
        );
        CREATE INDEX tasking_transfers_from ON tasking_transfers (from_agency, id);
        CREATE INDEX tasking_transfers_to ON tasking_transfers (to_agency, id);
        ALTER TABLE tasking_transfers ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tasking_transfers_both_ends ON tasking_transfers FOR SELECT TO occ_agency_api
            USING (from_agency = (SELECT occ_agency_scope()) OR to_agency = (SELECT occ_agency_scope()));
        CREATE POLICY tasking_transfers_exchange_read ON tasking_transfers FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        GRANT SELECT ON tasking_transfers TO occ_agency_api, occ_operator;

        -- Moves the caller's agency's tasking p_tasking to p_to. outcome: 'transferred' (with the
        -- transfer's id), or why not: 'not_found', 'closed', 'same_agency', 'unknown_agency',
        -- 'gateway_refuses', 'already_tasked'. The receiving agency starts it as new; the SLA
        -- deadline and its flags stay (the clock does not restart).
        CREATE FUNCTION occ_tasking_transfer(p_tasking uuid, p_to text, p_reason text, p_by text)
            RETURNS TABLE (outcome text, transfer_id bigint, from_agency text, status_before text, trace_id text)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
        #variable_conflict use_column
        DECLARE
            scope text := (SELECT occ_agency_scope());
            current record;
        BEGIN
            SELECT t.id, t.referral_id, t.agency_code, t.status, r.trace_id, g.permitted_agencies
            INTO current
            FROM taskings t JOIN referrals r ON r.id = t.referral_id LEFT JOIN lawful_gateways g ON g.code = r.gateway
            WHERE t.id = p_tasking AND t.agency_code = scope
            FOR UPDATE OF t;
            IF NOT FOUND OR scope IS NULL THEN
                RETURN QUERY SELECT 'not_found', NULL::bigint, NULL::text, NULL::text, NULL::text; RETURN;
            END IF;
            outcome := CASE
                WHEN current.status = 'closed' THEN 'closed'
                WHEN p_to = scope THEN 'same_agency'
                WHEN NOT EXISTS (SELECT 1 FROM agencies a WHERE a.code = p_to) THEN 'unknown_agency'
                WHEN current.permitted_agencies IS NOT NULL AND NOT p_to = ANY (current.permitted_agencies) THEN 'gateway_refuses'
                WHEN EXISTS (SELECT 1 FROM taskings o WHERE o.referral_id = current.referral_id AND o.agency_code = p_to) THEN 'already_tasked'
                ELSE 'transferred' END;
            from_agency := scope; status_before := current.status; trace_id := current.trace_id;
            IF outcome = 'transferred' THEN
                UPDATE taskings SET agency_code = p_to, status = 'new', accepted_at = NULL WHERE id = p_tasking;
                INSERT INTO tasking_transfers (tasking_id, referral_id, from_agency, to_agency, reason, transferred_by)
                VALUES (p_tasking, current.referral_id, scope, p_to, p_reason, p_by)
                RETURNING id INTO transfer_id;
            END IF;
            RETURN NEXT;
        END
        $fn$;
        REVOKE ALL ON FUNCTION occ_tasking_transfer(uuid, text, text, text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_tasking_transfer(uuid, text, text, text) TO occ_agency_api;

        CREATE TABLE network_leads (
            network_id bigint PRIMARY KEY REFERENCES networks (id),
            agency_code text NOT NULL REFERENCES agencies (code),
            designated_by text NOT NULL,
            designated_at timestamptz NOT NULL DEFAULT now()
        );
        ALTER TABLE network_leads ENABLE ROW LEVEL SECURITY;
        CREATE POLICY network_leads_exchange_read ON network_leads FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        GRANT SELECT ON network_leads TO occ_operator;

        -- Designates p_agency lead of the network p_network resolves to (through merges). outcome:
        -- 'designated' (with the network's id and the lead before, if any), 'not_found' (the
        -- caller's agency holds no tasking in it) or 'not_holding' (p_agency holds none).
        CREATE FUNCTION occ_network_designate_lead(p_network bigint, p_agency text, p_by text)
            RETURNS TABLE (outcome text, network_id bigint, previous_lead text)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
        #variable_conflict use_column
        DECLARE
            scope text := (SELECT occ_agency_scope());
            root bigint;
        BEGIN
            WITH RECURSIVE chain AS (
                SELECT n.id, n.merged_into FROM networks n WHERE n.id = p_network
                UNION ALL
                SELECT n.id, n.merged_into FROM networks n JOIN chain c ON n.id = c.merged_into
            )
            SELECT c.id INTO root FROM chain c WHERE c.merged_into IS NULL;
            network_id := root;
            IF root IS NULL OR scope IS NULL OR NOT EXISTS (
                SELECT 1 FROM network_members m JOIN taskings t ON t.referral_id = m.referral_id
                WHERE m.network_id = root AND t.agency_code = scope) THEN
                outcome := 'not_found'; network_id := NULL; RETURN NEXT; RETURN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM network_members m JOIN taskings t ON t.referral_id = m.referral_id
                           WHERE m.network_id = root AND t.agency_code = p_agency) THEN
                outcome := 'not_holding'; RETURN NEXT; RETURN;
            END IF;
            PERFORM 1 FROM networks n WHERE n.id = root FOR UPDATE;
            SELECT l.agency_code INTO previous_lead FROM network_leads l WHERE l.network_id = root;
            INSERT INTO network_leads AS l (network_id, agency_code, designated_by) VALUES (root, p_agency, p_by)
            ON CONFLICT ON CONSTRAINT network_leads_pkey
            DO UPDATE SET agency_code = excluded.agency_code, designated_by = excluded.designated_by, designated_at = now();
            outcome := 'designated';
            RETURN NEXT;
        END
        $fn$;
        REVOKE ALL ON FUNCTION occ_network_designate_lead(bigint, text, text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_network_designate_lead(bigint, text, text) TO occ_agency_api;

        -- For a referral the caller's agency holds a tasking on: its network, when two or more
        -- agencies hold open taskings on the network's referrals, with those agencies and the lead.
        CREATE FUNCTION occ_tasking_deconfliction(p_referral uuid)
            RETURNS TABLE (network_id bigint, agencies text[], lead_agency text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $fn$
            SELECT m.network_id, array_agg(DISTINCT t.agency_code ORDER BY t.agency_code),
                   (SELECT l.agency_code FROM network_leads l WHERE l.network_id = m.network_id)
            FROM network_members m JOIN network_members other ON other.network_id = m.network_id
            JOIN taskings t ON t.referral_id = other.referral_id AND t.status <> 'closed'
            WHERE m.referral_id = p_referral
              AND EXISTS (SELECT 1 FROM taskings own WHERE own.referral_id = p_referral AND own.agency_code = (SELECT occ_agency_scope()))
            GROUP BY m.network_id
            HAVING count(DISTINCT t.agency_code) > 1
        $fn$;
        REVOKE ALL ON FUNCTION occ_tasking_deconfliction(uuid) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_tasking_deconfliction(uuid) TO occ_agency_api;

        -- The benefits report converts money to GBP at the dated rates; the operator sets the
        -- SLA thresholds and severities' wording (data).
        GRANT SELECT ON currency_rates TO occ_feedback;
        GRANT SELECT, UPDATE ON disruption_severities, sla_policies TO occ_operator;
        """
}
