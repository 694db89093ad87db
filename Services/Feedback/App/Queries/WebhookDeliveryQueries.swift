import Postgres

/// The delivery worker's statements on the webhook tables, for the partner in scope.
enum WebhookDeliveryQueries {
    /// Held while an endpoint's in-flight deliveries are counted, so two workers cannot both take its last slot.
    static let lockEndpoint = PostgresQuery(
        "webhook_endpoints_lock", "SELECT url, enabled FROM webhook_endpoints WHERE partner_id = $1 FOR UPDATE")
    /// The signing keys themselves, newest first: only feedback's login may read them.
    static let signingSecrets = PostgresQuery(
        "webhook_secrets_signing",
        """
        SELECT secret FROM webhook_secrets
        WHERE partner_id = $1 AND (expires_at IS NULL OR expires_at > now())
        ORDER BY id DESC
        """)
    /// Takes one of partner `$2`'s request slots for event `$1` (run with the endpoint row
    /// locked, so the count and the taking are one decision): the event is marked in flight until
    /// `$3` from now and its attempt counted. No row: the event is not pending, already in
    /// flight, or the partner has `$4` requests in flight.
    static let take = PostgresQuery(
        "webhook_events_take",
        """
        UPDATE webhook_events SET sending_until = now() + $3::interval, attempts = attempts + 1, last_attempt_at = now()
        WHERE id = $1 AND partner_id = $2 AND state = 'pending' AND (sending_until IS NULL OR sending_until <= now())
          AND (SELECT count(*) FROM webhook_events s WHERE s.partner_id = $2 AND s.sending_until > now()) < $4
        RETURNING type, payload::text AS payload, created_at, attempts, window_opened
        """)
    static let state = PostgresQuery(
        "webhook_events_state", "SELECT state FROM webhook_events WHERE id = $1 AND partner_id = $2")
    /// Delivered: the payload is dropped (data minimisation: the partner has it, and the pull API
    /// still serves the feedback item); the row stays as the delivery's record.
    static let delivered = PostgresQuery(
        "webhook_events_delivered",
        """
        UPDATE webhook_events SET state = 'delivered', delivered_at = now(), sending_until = NULL, last_status = $3, last_error = NULL,
            payload = 'null'::jsonb
        WHERE id = $1 AND partner_id = $2 AND state = 'pending'
        """)
    /// A failed attempt: stays pending (`$5` false) or becomes a dead letter (`$5` true).
    static let failed = PostgresQuery(
        "webhook_events_failed",
        """
        UPDATE webhook_events SET sending_until = NULL, last_status = $3, last_error = left($4, 500),
            state = CASE WHEN $5 THEN 'dead' ELSE state END, dead_at = CASE WHEN $5 THEN now() ELSE dead_at END
        WHERE id = $1 AND partner_id = $2 AND state = 'pending'
        """)
}
