/// Signed webhooks to partners (docs/webhooks.md): one endpoint per partner, its signing
/// secrets (two active while a rotation overlaps), and the events raised for it, each carrying
/// its own delivery state. The queue job `deliver_webhook` on the `webhooks` queue posts one
/// event; the event row, not the job, is the record partners and operators read.
///
/// The feedback service runs the deliveries and the partner API, scoped per partner (row-level
/// security on `occ.partner_id`, set in every transaction). Only the feedback login reads the
/// secrets: it signs with them. The operator sets endpoints and adds or expires secrets without
/// reading any. The unused `partners.webhook_url`/`webhook_secret` columns go: these tables
/// replace them. Partner keys gain the `partner:webhooks` scope.
enum Migration0016Webhooks {
    static let sql = """
        ALTER TABLE partners DROP COLUMN webhook_url, DROP COLUMN webhook_secret;

        ALTER TABLE api_keys DROP CONSTRAINT api_keys_scopes_check;
        ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_check CHECK (
            cardinality(scopes) > 0
            AND scopes <@ ARRAY['partner:submit', 'partner:feedback', 'partner:webhooks', 'agency:tasking', 'oversight', 'admin']::text[]);

        CREATE TABLE webhook_endpoints (
            partner_id bigint PRIMARY KEY REFERENCES partners (id),
            url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
            enabled boolean NOT NULL DEFAULT true,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );

        -- A secret with no expiry is current; rotation gives the old ones an expiry (the overlap).
        CREATE TABLE webhook_secrets (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            partner_id bigint NOT NULL REFERENCES partners (id),
            secret text NOT NULL CHECK (secret ~ '^whsec_[0-9a-f]{64}$'),
            created_at timestamptz NOT NULL DEFAULT now(),
            expires_at timestamptz
        );
        CREATE INDEX webhook_secrets_partner ON webhook_secrets (partner_id);

        -- window_opened: when retries began counting (raised, or retried from the dead letters);
        -- sending_until: a POST is in flight until then (the partner's concurrency is counted on it;
        -- a worker that dies mid-POST frees its slot when this passes).
        CREATE TABLE webhook_events (
            id uuid PRIMARY KEY,
            partner_id bigint NOT NULL REFERENCES partners (id),
            type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$' AND length(type) <= 64),
            payload jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
            attempts integer NOT NULL DEFAULT 0,
            window_opened timestamptz NOT NULL DEFAULT now(),
            last_attempt_at timestamptz,
            last_status integer,
            last_error text CHECK (length(last_error) <= 500),
            sending_until timestamptz,
            delivered_at timestamptz,
            dead_at timestamptz
        );
        CREATE INDEX webhook_events_partner_state ON webhook_events (partner_id, state, created_at);
        CREATE INDEX webhook_events_sending ON webhook_events (partner_id, sending_until) WHERE sending_until IS NOT NULL;

        REVOKE ALL ON webhook_endpoints, webhook_secrets, webhook_events
            FROM PUBLIC, occ_intake, occ_enrichment, occ_tasking, occ_agency_api, occ_feedback, occ_operator;
        ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
        ALTER TABLE webhook_secrets ENABLE ROW LEVEL SECURITY;
        ALTER TABLE webhook_events ENABLE ROW LEVEL SECURITY;

        -- Feedback: the partner API and the deliveries, for the partner in scope only.
        GRANT SELECT, INSERT, UPDATE ON webhook_endpoints, webhook_events TO occ_feedback;
        GRANT SELECT, INSERT, UPDATE (expires_at) ON webhook_secrets TO occ_feedback;
        CREATE POLICY webhook_endpoints_partner ON webhook_endpoints FOR ALL TO occ_feedback
            USING (partner_id = (SELECT occ_partner_scope())) WITH CHECK (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY webhook_secrets_partner ON webhook_secrets FOR ALL TO occ_feedback
            USING (partner_id = (SELECT occ_partner_scope())) WITH CHECK (partner_id = (SELECT occ_partner_scope()));
        CREATE POLICY webhook_events_partner ON webhook_events FOR ALL TO occ_feedback
            USING (partner_id = (SELECT occ_partner_scope())) WITH CHECK (partner_id = (SELECT occ_partner_scope()));

        -- The operator: endpoints and events (dead letters, retry), secrets without their value.
        GRANT SELECT, INSERT, UPDATE ON webhook_endpoints TO occ_operator;
        GRANT SELECT (id, partner_id, created_at, expires_at), INSERT, UPDATE (expires_at) ON webhook_secrets TO occ_operator;
        GRANT SELECT, INSERT, UPDATE (state, window_opened, last_error, dead_at) ON webhook_events TO occ_operator;
        CREATE POLICY webhook_endpoints_operator ON webhook_endpoints FOR ALL TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY webhook_secrets_operator ON webhook_secrets FOR ALL TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY webhook_events_operator ON webhook_events FOR ALL TO occ_operator
            USING ((SELECT occ_login_kind()) = 'exchange') WITH CHECK ((SELECT occ_login_kind()) = 'exchange');

        -- The webhooks queue is feedback's: it enqueues deliveries (for its own events and for
        -- partners' API calls) and runs them.
        CREATE POLICY occ_jobs_feedback_webhooks ON occ_jobs FOR ALL TO occ_feedback
            USING (queue = 'webhooks' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'webhooks' AND (SELECT occ_login_kind()) = 'exchange');
        CREATE POLICY occ_job_history_feedback_webhooks ON occ_job_history FOR ALL TO occ_feedback
            USING (queue = 'webhooks' AND (SELECT occ_login_kind()) = 'exchange')
            WITH CHECK (queue = 'webhooks' AND (SELECT occ_login_kind()) = 'exchange');
        """
}
