import Postgres

/// Statements on `feedback_items`. Partner-facing ones filter by partner as well as relying on RLS.
enum FeedbackItemQueries {
    /// Same item id (same partner, referral, status, outcome) is stored once: redelivery is a no-op.
    static let insert = PostgresQuery(
        "feedback_items_insert",
        """
        INSERT INTO feedback_items (id, partner_id, referral_id, outcome_id, status, category, item)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
        ON CONFLICT (id) DO NOTHING
        """)
    /// A partner's items after a cursor (microsecond RFC 3339 text, as `cursor` returns it).
    static let since = PostgresQuery(
        "feedback_items_since",
        """
        SELECT item::text AS item,
               to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor
        FROM feedback_items
        WHERE partner_id = $1 AND created_at > $2::timestamptz
        ORDER BY created_at, id
        LIMIT $3
        """)
}
