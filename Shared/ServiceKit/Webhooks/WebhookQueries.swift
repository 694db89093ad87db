import Postgres

/// Statements on `webhook_events`. Feedback's login sees only the partner in scope (row-level
/// security); each statement names the partner as well.
enum WebhookQueries {
    /// Raises events for partner `$1` that has an enabled endpoint; an id already raised is skipped.
    static let insertEvents = PostgresQuery(
        "webhook_events_insert",
        """
        INSERT INTO webhook_events (id, partner_id, type, payload)
        SELECT e.id, $1, e.type, e.payload::jsonb
        FROM unnest($2::uuid[], $3::text[], $4::text[]) AS e(id, type, payload)
        WHERE EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.partner_id = $1 AND w.enabled)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """)

    /// A partner's events, newest first, optionally in one state, after a position (`$3` created_at, `$4` id).
    static let list = PostgresQuery(
        "webhook_events_list",
        """
        SELECT id, partner_id, type, state, attempts, created_at, last_attempt_at, last_status, last_error, delivered_at, dead_at
        FROM webhook_events
        WHERE ($1::bigint IS NULL OR partner_id = $1) AND ($2::text IS NULL OR state = $2)
        ORDER BY created_at DESC, id DESC
        LIMIT $3
        """)

    /// Dead letters back to pending with a fresh retry window: all of partner `$1`'s, or only id `$2`.
    static let revive = PostgresQuery(
        "webhook_events_revive",
        """
        UPDATE webhook_events SET state = 'pending', window_opened = now(), dead_at = NULL
        WHERE partner_id = $1 AND state = 'dead' AND ($2::uuid IS NULL OR id = $2)
        RETURNING id
        """)
}
