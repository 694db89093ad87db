/// Requests to partners: disruption requests and requests for information (RFIs).
///
/// `request_kinds` is data: each kind of disruption a partner can be asked to perform, the
/// sector(s) that can act on it and the indicator kinds it applies to (`occ` has no command for
/// it yet; correct it by SQL as the schema owner). `partner_requests` holds what an officer raised
/// on an indicator of one of their agency's taskings; `partner_request_recipients` the partners
/// the disclosure decision point addressed it to (`holds`: the partner referred the indicator
/// itself). `partner_rfis` holds an officer's question to the referrer of a tasking's referral.
///
/// Who may touch what: the agency API raises and reads its own agency's (row-level security by
/// agency); feedback serves the partner side and sees and moves only what is addressed to the
/// partner in scope; the tasking worker's chase job stamps `overdue_at` once (`occ_chase_overdue`). Nobody but the
/// schema owner reads across partners: `occ_request_candidates` answers the agency API which
/// partners of the acting sectors exist and which referred the indicator (ids only, for a tasking
/// of the caller's agency), and `occ_request_facts` gives feedback's benefits report one row of
/// figures per request (no content).
enum Migration0014Requests {
    static let sql = """
        CREATE TABLE request_kinds (
            code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{1,63}$'),
            title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
            acting_sectors text[] NOT NULL CHECK (
                cardinality(acting_sectors) > 0 AND acting_sectors <@ ARRAY['telco', 'tech', 'cyber', 'finance']::text[]),
            indicator_kinds text[] NOT NULL CHECK (cardinality(indicator_kinds) > 0)
        );
        INSERT INTO request_kinds (code, title, acting_sectors, indicator_kinds) VALUES
            ('block_number', 'Block the number', '{telco}', '{phone}'),
            ('do_not_originate', 'Add the number to the Do-Not-Originate list', '{telco}', '{phone}'),
            ('disconnect_number', 'Disconnect the number (SIM)', '{telco}', '{phone}'),
            ('block_sender_id', 'Block the SMS sender ID', '{telco}', '{sms_sender_id}'),
            ('suspend_account', 'Suspend the account', '{tech}', '{email,social_account}'),
            ('take_down_domain', 'Take down or suspend the domain', '{tech,cyber}', '{domain,url}'),
            ('remove_content', 'Remove the content or advert', '{tech}', '{url,social_account}'),
            ('freeze_account', 'Freeze the bank account', '{finance}', '{uk_bank_account,iban}'),
            ('repatriate_funds', 'Repatriate the funds to the victims', '{finance}', '{uk_bank_account,iban}'),
            ('flag_wallet', 'Flag the wallet to exchanges', '{finance}', '{crypto_wallet}');

        CREATE TABLE partner_requests (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tasking_id uuid NOT NULL REFERENCES taskings (id),
            agency_code text NOT NULL REFERENCES agencies (code),
            kind text NOT NULL REFERENCES request_kinds (code),
            indicator_kind text NOT NULL,
            indicator_value text NOT NULL CHECK (length(indicator_value) BETWEEN 1 AND 8192),
            indicator_key text NOT NULL CHECK (length(indicator_key) BETWEEN 1 AND 8300),
            gateway text NOT NULL REFERENCES lawful_gateways (code),
            tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
            deadline timestamptz NOT NULL,
            note text CHECK (length(note) <= 2000),
            status text NOT NULL DEFAULT 'raised' CHECK (status IN ('raised', 'acknowledged', 'completed', 'declined')),
            raised_by text NOT NULL,
            raised_officer bigint NOT NULL REFERENCES officers (id),
            raised_at timestamptz NOT NULL DEFAULT now(),
            trace_id text NOT NULL,
            acknowledged_at timestamptz,
            -- The partner that completed or declined it, when, and what it said.
            acted_by bigint REFERENCES partners (id),
            acted_at timestamptz,
            completed_at timestamptz,
            amount numeric(24, 4) CHECK (amount >= 0),
            currency text CHECK (currency ~ '^[A-Z]{3}$'),
            evidence_reference text CHECK (length(evidence_reference) BETWEEN 1 AND 200),
            declined_reason text CHECK (length(declined_reason) BETWEEN 1 AND 1000),
            -- Stamped once by the chase job when the deadline passed with the request still open.
            overdue_at timestamptz,
            CHECK (deadline > raised_at),
            CHECK ((amount IS NULL) = (currency IS NULL)),
            CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
            CHECK ((status = 'declined') = (declined_reason IS NOT NULL)),
            CHECK ((status IN ('completed', 'declined')) = (acted_by IS NOT NULL AND acted_at IS NOT NULL))
        );
        CREATE INDEX partner_requests_tasking ON partner_requests (tasking_id, id);
        CREATE INDEX partner_requests_unchased ON partner_requests (deadline)
            WHERE status IN ('raised', 'acknowledged') AND overdue_at IS NULL;
        CREATE INDEX partner_requests_agency_deadline ON partner_requests (agency_code, deadline, id)
            WHERE status IN ('raised', 'acknowledged');
        CREATE INDEX partner_requests_raised_at ON partner_requests (raised_at);

        CREATE TABLE partner_request_recipients (
            request_id bigint NOT NULL REFERENCES partner_requests (id),
            partner_id bigint NOT NULL REFERENCES partners (id),
            holds boolean NOT NULL,
            PRIMARY KEY (request_id, partner_id)
        );
        CREATE INDEX partner_request_recipients_partner ON partner_request_recipients (partner_id, request_id);

        CREATE TABLE partner_rfis (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tasking_id uuid NOT NULL REFERENCES taskings (id),
            agency_code text NOT NULL REFERENCES agencies (code),
            referral_id uuid NOT NULL REFERENCES referrals (id),
            partner_id bigint NOT NULL REFERENCES partners (id),
            question text NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
            deadline timestamptz NOT NULL,
            status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
            asked_by text NOT NULL,
            asked_officer bigint NOT NULL REFERENCES officers (id),
            asked_at timestamptz NOT NULL DEFAULT now(),
            trace_id text NOT NULL,
            answer text CHECK (length(answer) BETWEEN 1 AND 4000),
            answered_by text,
            answered_at timestamptz,
            overdue_at timestamptz,
            CHECK (deadline > asked_at),
            CHECK ((status = 'answered') = (answer IS NOT NULL AND answered_at IS NOT NULL AND answered_by IS NOT NULL))
        );
        CREATE INDEX partner_rfis_tasking ON partner_rfis (tasking_id, id);
        CREATE INDEX partner_rfis_partner ON partner_rfis (partner_id, id);
        CREATE INDEX partner_rfis_unchased ON partner_rfis (deadline) WHERE status = 'open' AND overdue_at IS NULL;
        CREATE INDEX partner_rfis_agency_deadline ON partner_rfis (agency_code, deadline, id) WHERE status = 'open';

        -- Partners of `sectors` and whether each referred `indicator_key` (a sighting enrichment
        -- recorded under that key): only for a tasking of the caller's agency, ids and sectors only.
        CREATE FUNCTION occ_request_candidates(tasking uuid, indicator_key text, sectors text[])
            RETURNS TABLE (partner_id bigint, sector text, holds boolean)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT p.id, p.sector,
                       EXISTS (SELECT 1 FROM public.indicator_sightings s WHERE s.key = $2 AND s.partner_id = p.id)
                FROM public.partners p
                WHERE p.sector = ANY ($3)
                  AND EXISTS (SELECT 1 FROM public.taskings t WHERE t.id = $1 AND t.agency_code = (SELECT public.occ_agency_scope()))
                ORDER BY p.id
            $$;
        -- One row per request raised in [$1, $2) (NULL: open-ended) for the benefits report: the
        -- sectors it was addressed to, the sector of the partner that completed it, and its times.
        CREATE FUNCTION occ_request_facts(period_from timestamptz, period_to timestamptz)
            RETURNS TABLE (request_id bigint, addressed_sectors text[], completed_sector text, status text,
                           raised_at timestamptz, deadline timestamptz, completed_at timestamptz)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT r.id,
                       ARRAY(SELECT DISTINCT p.sector FROM public.partner_request_recipients x
                             JOIN public.partners p ON p.id = x.partner_id WHERE x.request_id = r.id ORDER BY 1),
                       CASE WHEN r.status = 'completed' THEN (SELECT p.sector FROM public.partners p WHERE p.id = r.acted_by) END,
                       r.status, r.raised_at, r.deadline, r.completed_at
                FROM public.partner_requests r
                WHERE ($1 IS NULL OR r.raised_at >= $1) AND ($2 IS NULL OR r.raised_at < $2)
                ORDER BY r.id
            $$;
        -- The chase job's step: stamps up to $1 open requests and up to $1 open RFIs past their
        -- deadline as overdue, once each, and returns them for the audit log. A function, so the
        -- exchange's tasking login (also the central agency API) gets no read across agencies.
        CREATE FUNCTION occ_chase_overdue(batch integer)
            RETURNS TABLE (item text, id bigint, agency_code text, tasking_id uuid, deadline timestamptz, trace_id text)
            LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                WITH requests AS (
                    UPDATE public.partner_requests r SET overdue_at = now()
                    WHERE r.id IN (SELECT q.id FROM public.partner_requests q
                                   WHERE q.status IN ('raised', 'acknowledged') AND q.overdue_at IS NULL AND q.deadline < now()
                                   ORDER BY q.deadline LIMIT $1 FOR UPDATE SKIP LOCKED)
                    RETURNING 'request'::text AS item, r.id, r.agency_code, r.tasking_id, r.deadline, r.trace_id
                ), rfis AS (
                    UPDATE public.partner_rfis f SET overdue_at = now()
                    WHERE f.id IN (SELECT q.id FROM public.partner_rfis q
                                   WHERE q.status = 'open' AND q.overdue_at IS NULL AND q.deadline < now()
                                   ORDER BY q.deadline LIMIT $1 FOR UPDATE SKIP LOCKED)
                    RETURNING 'rfi'::text AS item, f.id, f.agency_code, f.tasking_id, f.deadline, f.trace_id
                )
                SELECT * FROM requests UNION ALL SELECT * FROM rfis
            $$;
        REVOKE ALL ON FUNCTION occ_request_candidates(uuid, text, text[]), occ_request_facts(timestamptz, timestamptz),
            occ_chase_overdue(integer) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_chase_overdue(integer) TO occ_tasking;
        GRANT EXECUTE ON FUNCTION occ_request_candidates(uuid, text, text[]) TO occ_agency_api;
        GRANT EXECUTE ON FUNCTION occ_request_facts(timestamptz, timestamptz) TO occ_feedback, occ_operator;

        GRANT SELECT ON request_kinds TO occ_agency_api, occ_feedback, occ_operator;

        ALTER TABLE partner_requests ENABLE ROW LEVEL SECURITY;
        ALTER TABLE partner_request_recipients ENABLE ROW LEVEL SECURITY;
        ALTER TABLE partner_rfis ENABLE ROW LEVEL SECURITY;

        -- The agency API: raise and read its own agency's, on its own agency's taskings.
        GRANT SELECT, INSERT ON partner_requests, partner_request_recipients, partner_rfis TO occ_agency_api;
        CREATE POLICY partner_requests_agency_read ON partner_requests FOR SELECT TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY partner_requests_agency_insert ON partner_requests FOR INSERT TO occ_agency_api
            WITH CHECK (agency_code = (SELECT occ_agency_scope()) AND status = 'raised'
                        AND EXISTS (SELECT 1 FROM taskings t WHERE t.id = partner_requests.tasking_id AND t.agency_code = partner_requests.agency_code));
        CREATE POLICY partner_request_recipients_agency_read ON partner_request_recipients FOR SELECT TO occ_agency_api
            USING (EXISTS (SELECT 1 FROM partner_requests r WHERE r.id = partner_request_recipients.request_id
                           AND r.agency_code = (SELECT occ_agency_scope())));
        CREATE POLICY partner_request_recipients_agency_insert ON partner_request_recipients FOR INSERT TO occ_agency_api
            WITH CHECK (EXISTS (SELECT 1 FROM partner_requests r WHERE r.id = partner_request_recipients.request_id
                                AND r.agency_code = (SELECT occ_agency_scope())));
        CREATE POLICY partner_rfis_agency_read ON partner_rfis FOR SELECT TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope()));
        -- An RFI goes to the referrer of the tasking's referral, and to nobody else.
        CREATE POLICY partner_rfis_agency_insert ON partner_rfis FOR INSERT TO occ_agency_api
            WITH CHECK (agency_code = (SELECT occ_agency_scope()) AND status = 'open'
                        AND EXISTS (SELECT 1 FROM taskings t JOIN referrals r ON r.id = t.referral_id
                                    WHERE t.id = partner_rfis.tasking_id AND t.agency_code = partner_rfis.agency_code
                                      AND r.id = partner_rfis.referral_id AND r.partner_id = partner_rfis.partner_id));

        -- Feedback serves partners: only what is addressed to the partner in scope.
        GRANT SELECT ON partner_request_recipients TO occ_feedback;
        GRANT SELECT, UPDATE (status, acknowledged_at, acted_by, acted_at, completed_at, amount, currency, evidence_reference,
                              declined_reason) ON partner_requests TO occ_feedback;
        GRANT SELECT, UPDATE (status, answer, answered_by, answered_at) ON partner_rfis TO occ_feedback;
        CREATE POLICY partner_request_recipients_partner_read ON partner_request_recipients FOR SELECT TO occ_feedback
            USING (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY partner_requests_partner_read ON partner_requests FOR SELECT TO occ_feedback
            USING (EXISTS (SELECT 1 FROM partner_request_recipients x
                           WHERE x.request_id = partner_requests.id AND x.partner_id = (SELECT occ_partner_scope())));
        CREATE POLICY partner_requests_partner_act ON partner_requests FOR UPDATE TO occ_feedback
            USING (EXISTS (SELECT 1 FROM partner_request_recipients x
                           WHERE x.request_id = partner_requests.id AND x.partner_id = (SELECT occ_partner_scope())))
            WITH CHECK (acted_by IS NULL OR acted_by = (SELECT occ_partner_scope()));
        CREATE POLICY partner_rfis_partner_read ON partner_rfis FOR SELECT TO occ_feedback
            USING (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY partner_rfis_partner_answer ON partner_rfis FOR UPDATE TO occ_feedback
            USING (partner_id = (SELECT occ_partner_scope())) WITH CHECK (partner_id = (SELECT occ_partner_scope()));

        GRANT SELECT ON partner_requests, partner_request_recipients, partner_rfis TO occ_operator;
        CREATE POLICY partner_requests_operator ON partner_requests FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY partner_request_recipients_operator ON partner_request_recipients FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY partner_rfis_operator ON partner_rfis FOR SELECT TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        """
}
