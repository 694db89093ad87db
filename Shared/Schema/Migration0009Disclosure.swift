/// Disclosure control: the release policy, agency-listed operation names and the release step
/// for officers' notes to partners.
///
/// `disclosure_policy` holds `ReleasePolicy` as one row per setting (seeded with
/// `ReleasePolicy.defaults`; `occ policy set` changes it, audited). The feedback worker reads it
/// for every outcome, so a change applies to the next delivery without a restart.
///
/// `partner_notes` is the release state of an outcome's `partner_note`: held when recorded,
/// then approved or refused by a second officer of the same agency (never the author: a check,
/// on top of the API's). The note's text stays in `outcomes`; feedback releases it only when
/// approved. The agency API may move a held note of its own agency only.
///
/// `occ_note_screen_terms(tasking)` gives the agency API what a note is screened against — the
/// indicator values of the tasking's network, every partner's name, the listed operation names
/// and the agencies' names — without granting it the tables: only for a tasking of the caller's
/// own agency, the network capped at 10,000 referrals.
enum Migration0009Disclosure {
    static let sql = """
        CREATE TABLE disclosure_policy (
            setting text PRIMARY KEY CHECK (setting IN
                ('recipient_hop_limit', 'linked_partner_money', 'linked_partner_disruption_kinds', 'partner_identities')),
            value text NOT NULL CHECK (value ~ '^([1-3]|allow|withhold)$'),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        INSERT INTO disclosure_policy (setting, value) VALUES
            ('recipient_hop_limit', '1'), ('linked_partner_money', 'withhold'),
            ('linked_partner_disruption_kinds', 'allow'), ('partner_identities', 'withhold');

        CREATE TABLE operation_names (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            agency_code text NOT NULL REFERENCES agencies (code),
            name text NOT NULL CHECK (length(btrim(name)) BETWEEN 3 AND 200),
            added_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX operation_names_agency_name ON operation_names (agency_code, lower(name));

        CREATE TABLE partner_notes (
            outcome_id bigint PRIMARY KEY REFERENCES outcomes (id),
            agency_code text NOT NULL REFERENCES agencies (code),
            author_officer bigint NOT NULL REFERENCES officers (id),
            state text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'approved', 'refused')),
            decided_by_officer bigint REFERENCES officers (id),
            decided_at timestamptz,
            CHECK ((state = 'held') = (decided_by_officer IS NULL)),
            CHECK ((decided_by_officer IS NULL) = (decided_at IS NULL)),
            CHECK (decided_by_officer <> author_officer)
        );

        CREATE FUNCTION occ_note_screen_terms(tasking uuid) RETURNS TABLE (category text, kind text, term text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                WITH RECURSIVE own AS (
                    SELECT t.referral_id FROM public.taskings t
                    WHERE t.id = $1 AND t.agency_code = (SELECT public.occ_agency_scope())
                ), network (referral_id) AS (
                    SELECT referral_id FROM own
                    UNION
                    SELECT l.linked_referral_id FROM public.referral_links l JOIN network n ON l.referral_id = n.referral_id
                ), capped AS (
                    SELECT referral_id FROM network LIMIT 10000
                )
                SELECT 'indicator', i->>'kind', i->>'value'
                FROM capped c JOIN public.referrals r ON r.id = c.referral_id, jsonb_array_elements(r.canonical->'indicators') i
                UNION ALL
                SELECT 'partner', NULL, p.name FROM public.partners p WHERE EXISTS (SELECT 1 FROM own)
                UNION ALL
                SELECT 'operation', NULL, o.name FROM public.operation_names o WHERE EXISTS (SELECT 1 FROM own)
                UNION ALL
                SELECT 'institution', NULL, x.name
                FROM public.agencies a, LATERAL (VALUES (a.name), (a.code)) AS x (name) WHERE EXISTS (SELECT 1 FROM own)
            $$;
        REVOKE ALL ON FUNCTION occ_note_screen_terms(uuid) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_note_screen_terms(uuid) TO occ_agency_api;

        GRANT SELECT ON disclosure_policy TO occ_feedback, occ_operator;
        GRANT UPDATE (value, updated_at) ON disclosure_policy TO occ_operator;
        GRANT SELECT, INSERT, DELETE ON operation_names TO occ_operator;

        ALTER TABLE partner_notes ENABLE ROW LEVEL SECURITY;
        GRANT SELECT, INSERT, UPDATE (state, decided_by_officer, decided_at) ON partner_notes TO occ_agency_api;
        GRANT SELECT ON partner_notes TO occ_feedback, occ_operator;
        CREATE POLICY partner_notes_agency_read ON partner_notes FOR SELECT TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope()));
        CREATE POLICY partner_notes_agency_insert ON partner_notes FOR INSERT TO occ_agency_api
            WITH CHECK (agency_code = (SELECT occ_agency_scope()) AND state = 'held'
                        AND EXISTS (SELECT 1 FROM outcomes o WHERE o.id = partner_notes.outcome_id AND o.agency_code = partner_notes.agency_code));
        CREATE POLICY partner_notes_agency_decide ON partner_notes FOR UPDATE TO occ_agency_api
            USING (agency_code = (SELECT occ_agency_scope()))
            WITH CHECK (agency_code = (SELECT occ_agency_scope()) AND state IN ('approved', 'refused'));
        CREATE POLICY partner_notes_exchange_read ON partner_notes FOR SELECT TO occ_feedback, occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange');
        """
}
