/// What the feeds of the exchange still lacked (docs/retention.md, docs/webhooks.md):
///
/// - Disposal revokes a disposed referral's objects in every partner's TAXII collections, as a
///   withdrawal does: `occ_retention` reads `taxii_objects` and inserts revoked versions only.
/// - Intake announces a withdrawal or correction, and the agency API a request or RFI, to the
///   partners' webhook endpoints in the same transaction: each may raise only its own event
///   types, for the partner the change concerns (intake: the partner in scope, of its own
///   referral; the agency API: an addressee of its own agency's request or RFI), read back only
///   the ids, see of an endpoint only whether it is enabled, and enqueue only delivery jobs of
///   events it can see. Delivering stays the feedback service's.
/// - Webhook deliveries become a retention record class (`webhook_deliveries`, rule
///   `webhook-deliveries`): the disposal job deletes delivered and dead ones past their period,
///   so `occ_retention` may read and delete `webhook_events` (nothing else of them).
/// - `taxii_objects` gains the collection `sector` ("Indicators confirmed for your sector"),
///   which the feedback worker writes as it writes `confirmed`.
enum Migration0021Feeds {
    static let sql = """
        ALTER TABLE taxii_objects DROP CONSTRAINT taxii_objects_collection_check,
            ADD CONSTRAINT taxii_objects_collection_check CHECK (collection IN ('referrals', 'outcomes', 'confirmed', 'sector'));

        INSERT INTO retention_classes (code, description, actions) VALUES
            ('webhook_deliveries', 'Webhook deliveries (events) to partners, once delivered or dead-lettered', '{delete}');
        INSERT INTO retention_rules (id, record_class, crime_type, review_period, action, legal_basis, source) VALUES
            ('webhook-deliveries', 'webhook_deliveries', NULL, '90 days', 'delete',
             'DPA 2018 s.39: a delivery record only shows the partner was told; the item itself stays in its feed [check]',
             'Exchange default pending the data-sharing agreements [check]');
        GRANT SELECT (id, partner_id, state, delivered_at, dead_at), DELETE ON webhook_events TO occ_retention;
        CREATE POLICY webhook_events_retention ON webhook_events FOR ALL TO occ_retention
            USING ((SELECT occ_login_kind()) = 'exchange');

        GRANT SELECT, INSERT ON taxii_objects TO occ_retention;
        GRANT USAGE ON SEQUENCE taxii_objects_feed_seq TO occ_retention;
        CREATE POLICY taxii_objects_retention_read ON taxii_objects FOR SELECT TO occ_retention
            USING ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY taxii_objects_retention_revoke ON taxii_objects FOR INSERT TO occ_retention
            WITH CHECK ((SELECT occ_login_kind()) = 'exchange' AND (object->>'revoked')::boolean IS TRUE);

        GRANT SELECT (partner_id, enabled) ON webhook_endpoints TO occ_intake, occ_agency_api;
        CREATE POLICY webhook_endpoints_announce ON webhook_endpoints FOR SELECT TO occ_intake, occ_agency_api
            USING (partner_id = (SELECT occ_partner_scope()));
        GRANT SELECT (id, partner_id), INSERT (id, partner_id, type, payload) ON webhook_events TO occ_intake, occ_agency_api;
        CREATE FUNCTION occ_webhook_intake_event(p_partner bigint, p_type text, p_payload jsonb) RETURNS boolean
            LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
            AS $$ SELECT p_partner = public.occ_partner_scope() AND p_type IN ('referral.withdrawn', 'referral.corrected')
                         AND public.occ_referral_partner((p_payload->>'referral_id')::uuid) = p_partner $$;
        CREATE POLICY webhook_events_intake_read ON webhook_events FOR SELECT TO occ_intake
            USING (occ_webhook_intake_event(partner_id, type, payload));
        CREATE POLICY webhook_events_intake_raise ON webhook_events FOR INSERT TO occ_intake
            WITH CHECK (occ_webhook_intake_event(partner_id, type, payload));
        CREATE FUNCTION occ_webhook_agency_event(p_partner bigint, p_type text, p_payload jsonb) RETURNS boolean
            LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
            AS $$ SELECT CASE p_type
                    WHEN 'request.raised' THEN EXISTS (
                        SELECT 1 FROM public.partner_request_recipients x JOIN public.partner_requests r ON r.id = x.request_id
                        WHERE x.request_id = (p_payload->>'id')::bigint AND x.partner_id = p_partner
                          AND r.agency_code = public.occ_agency_scope())
                    WHEN 'rfi.asked' THEN EXISTS (
                        SELECT 1 FROM public.partner_rfis f
                        WHERE f.id = (p_payload->>'id')::bigint AND f.partner_id = p_partner AND f.agency_code = public.occ_agency_scope())
                    ELSE false END $$;
        CREATE POLICY webhook_events_agency_read ON webhook_events FOR SELECT TO occ_agency_api
            USING (occ_webhook_agency_event(partner_id, type, payload));
        CREATE POLICY webhook_events_agency_raise ON webhook_events FOR INSERT TO occ_agency_api
            WITH CHECK (occ_webhook_agency_event(partner_id, type, payload));
        REVOKE ALL ON FUNCTION occ_webhook_intake_event(bigint, text, jsonb), occ_webhook_agency_event(bigint, text, jsonb) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION occ_webhook_intake_event(bigint, text, jsonb) TO occ_intake;
        GRANT EXECUTE ON FUNCTION occ_webhook_agency_event(bigint, text, jsonb) TO occ_agency_api;
        CREATE POLICY occ_jobs_announce_webhooks ON occ_jobs FOR INSERT TO occ_intake, occ_agency_api
            WITH CHECK (queue = 'webhooks' AND kind = 'deliver_webhook' AND EXISTS (
                SELECT 1 FROM webhook_events e WHERE e.id = (args->>'event_id')::uuid AND e.partner_id = (args->>'partner_id')::bigint));
        CREATE POLICY occ_jobs_announced_webhooks ON occ_jobs FOR SELECT TO occ_intake, occ_agency_api
            USING (queue = 'webhooks' AND kind = 'deliver_webhook' AND EXISTS (
                SELECT 1 FROM webhook_events e WHERE e.id = (args->>'event_id')::uuid AND e.partner_id = (args->>'partner_id')::bigint));
        """
}
