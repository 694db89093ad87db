/// A mass campaign made every enrichment insert up to 400 `referral_links` rows (each pair both
/// ways), each row checked against `referrals` twice by foreign-key triggers that also share-lock
/// the linked referral's row, all under the campaign key's lock: per-referral cost grew with the
/// campaign. Each pair is now stored once (by the referral that made it); `referral_neighbours`
/// reads both directions. The links are derived from sightings, which keep their foreign keys,
/// so the links' own were only cost. The network-wide walks (an embargo, the note screen) read
/// `network_members` instead of following links recursively across the whole network.
enum Migration0019LinksOnce {
    static let sql = """
        DELETE FROM referral_links l
        WHERE l.referral_id < l.linked_referral_id
          AND EXISTS (SELECT 1 FROM referral_links o
                      WHERE o.referral_id = l.linked_referral_id AND o.linked_referral_id = l.referral_id AND o.key = l.key);
        ALTER TABLE referral_links
            DROP CONSTRAINT referral_links_referral_id_fkey,
            DROP CONSTRAINT referral_links_linked_referral_id_fkey;
        CREATE INDEX referral_links_linked ON referral_links (linked_referral_id);

        -- Both directions of every link; row-level security applies as the caller (security_invoker).
        CREATE VIEW referral_neighbours WITH (security_invoker = true) AS
            SELECT referral_id, linked_referral_id, key FROM referral_links
            UNION ALL
            SELECT linked_referral_id, referral_id, key FROM referral_links;
        GRANT SELECT ON referral_neighbours TO occ_enrichment, occ_feedback, occ_operator, occ_retention;

        -- Feedback finds a network's embargoes through its members.
        GRANT SELECT ON network_members TO occ_feedback;
        CREATE POLICY network_members_feedback ON network_members FOR SELECT TO occ_feedback
            USING ((SELECT occ_login_kind()) = 'exchange');

        CREATE OR REPLACE FUNCTION occ_note_screen_terms(tasking uuid) RETURNS TABLE (category text, kind text, term text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                WITH own AS (
                    SELECT t.referral_id FROM public.taskings t
                    WHERE t.id = $1 AND t.agency_code = (SELECT public.occ_agency_scope())
                ), network (referral_id) AS (
                    SELECT referral_id FROM own
                    UNION
                    SELECT m.referral_id FROM public.network_members m
                    WHERE m.network_id = (SELECT o.network_id FROM public.network_members o JOIN own ON o.referral_id = own.referral_id)
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
        """
}
