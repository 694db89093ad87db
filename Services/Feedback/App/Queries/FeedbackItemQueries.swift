import Postgres

/// Statements on `feedback_items`. Partner-facing ones filter by partner as well as relying on RLS.
enum FeedbackItemQueries {
    /// One partner's items (`$1`), in order: `$2` ids, `$3` referrals, `$4` outcomes, `$5`
    /// statuses, `$6` categories (NULL for none), `$7` the items as JSON. Same item id (same
    /// partner, referral, outcome, status and content) is stored once: redelivery is a no-op.
    /// `feed_xid`/`feed_seq` are set by the table's trigger (Migration0012FeedCursors). Returns
    /// the ids of the items that are new (what TAXII publishes).
    static let insert = PostgresQuery(
        "feedback_items_insert",
        """
        INSERT INTO feedback_items (id, partner_id, referral_id, outcome_id, status, category, item)
        SELECT t.id, $1, t.referral, t.outcome, t.status, t.category, t.item
        FROM unnest($2::text[], $3::uuid[], $4::int8[], $5::text[], $6::text[], $7::text[]::jsonb[])
             WITH ORDINALITY AS t(id, referral, outcome, status, category, item, n)
        ORDER BY t.n
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
