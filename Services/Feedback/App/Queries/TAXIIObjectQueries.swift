import Postgres

/// Reads of `taxii_objects` (migration 17; writes: `TAXIIPublication`). Every one names the partner, besides row-level
/// security, and reads only rows whose writing transaction is older than every transaction still
/// running, so nothing can commit behind a page already handed out (docs/polling.md).
enum TAXIIObjectQueries {
    /// A page of a partner's collection after a feed position (`$3` xid8 as text, `$4` sequence),
    /// filtered by `added_after` (`$5`), types (`$6`), ids (`$7`) and versions (`$8` last, first,
    /// all or list; `$9` the listed versions), in feed order, `$10` rows at most.
    static let page = PostgresQuery(
        "taxii_objects_page",
        """
        SELECT o.object::text AS object, o.object_id, o.version, o.date_added, o.feed_xid::text AS feed_xid, o.feed_seq
        FROM taxii_objects o
        WHERE o.partner_id = $1 AND o.collection = $2
          AND (o.feed_xid, o.feed_seq) > ($3::xid8, $4::bigint)
          AND o.feed_xid < pg_snapshot_xmin(pg_current_snapshot())
          AND ($5::timestamptz IS NULL OR o.date_added > $5::timestamptz)
          AND (cardinality($6::text[]) = 0 OR o.object_type = ANY ($6::text[]))
          AND (cardinality($7::text[]) = 0 OR o.object_id = ANY ($7::text[]))
          AND CASE $8::text
                WHEN 'all' THEN true
                WHEN 'last' THEN NOT EXISTS (
                    SELECT 1 FROM taxii_objects n
                    WHERE n.partner_id = o.partner_id AND n.collection = o.collection AND n.object_id = o.object_id
                      AND n.version > o.version AND n.feed_xid < pg_snapshot_xmin(pg_current_snapshot()))
                WHEN 'first' THEN NOT EXISTS (
                    SELECT 1 FROM taxii_objects n
                    WHERE n.partner_id = o.partner_id AND n.collection = o.collection AND n.object_id = o.object_id
                      AND n.version < o.version)
                ELSE o.version = ANY ($9::text[])
              END
        ORDER BY o.feed_xid, o.feed_seq
        LIMIT $10
        """)

    /// Whether the partner's collection holds any visible version of an object (404 otherwise).
    static let exists = PostgresQuery(
        "taxii_objects_exists",
        """
        SELECT EXISTS (
            SELECT 1 FROM taxii_objects
            WHERE partner_id = $1 AND collection = $2 AND object_id = $3
              AND feed_xid < pg_snapshot_xmin(pg_current_snapshot())) AS found
        """)
}
