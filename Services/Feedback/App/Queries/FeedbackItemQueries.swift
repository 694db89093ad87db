import Postgres

/// Statements on `feedback_items`. Partner-facing ones filter by partner as well as relying on RLS.
enum FeedbackItemQueries {
    /// Same item id (same partner, referral, status, outcome) is stored once: redelivery is a no-op.
    /// `feed_xid`/`feed_seq` are set by the table's trigger (Migration0012FeedCursors). Returns the
    /// id only when the item is new (what TAXII publishes).
    static let insert = PostgresQuery(
        "feedback_items_insert",
        """
        INSERT INTO feedback_items (id, partner_id, referral_id, outcome_id, status, category, item)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """)
    /// A partner's items after a feed position (`$2` xid8 as text, `$3` sequence), optionally only
    /// those created after `$4`, in feed order, and only rows whose writing transaction is older
    /// than every transaction still running, so nothing can commit behind the page later.
    static let page = PostgresQuery(
        "feedback_items_page",
        """
        SELECT item::text AS item, feed_xid::text AS feed_xid, feed_seq
        FROM feedback_items
        WHERE partner_id = $1 AND (feed_xid, feed_seq) > ($2::xid8, $3::bigint)
          AND feed_xid < pg_snapshot_xmin(pg_current_snapshot())
          AND ($4::timestamptz IS NULL OR created_at > $4::timestamptz)
        ORDER BY feed_xid, feed_seq
        LIMIT $5
        """)
}
