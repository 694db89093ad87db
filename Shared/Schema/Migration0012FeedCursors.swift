/// Feed positions for the partner polling APIs (`GET /v1/feedback`, `GET /v1/referrals`).
///
/// Each feed row gets the id of the transaction that wrote it (`feed_xid`, xid8) and a number
/// from the feed's sequence (`feed_seq`). Readers page in `(feed_xid, feed_seq)` order and only
/// return rows whose transaction is older than every transaction still running
/// (`feed_xid < pg_snapshot_xmin(pg_current_snapshot())`): a transaction that commits later
/// always has a larger xid than anything already handed out, so it can never land behind a
/// cursor. A BEFORE INSERT trigger assigns both, so no writer can place a row elsewhere.
/// Rows already present get the migration's own xid, numbered in their old polling order.
enum Migration0012FeedCursors {
    static let sql = """
        CREATE FUNCTION occ_feed_position() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- The top-level transaction id, also from inside a savepoint: that is what commits.
            NEW.feed_xid := pg_current_xact_id();
            NEW.feed_seq := nextval(TG_ARGV[0]::regclass);
            RETURN NEW;
        END
        $$;

        \(feed(table: "feedback_items", key: "id", order: "created_at, id", writer: "occ_feedback"))

        \(feed(table: "referrals", key: "id", order: "received_at, id", writer: "occ_intake"))
        """

    /// The columns, backfill, trigger, index and grant for one feed table.
    private static func feed(table: String, key: String, order: String, writer: String) -> String {
        """
        ALTER TABLE \(table) ADD COLUMN feed_xid xid8, ADD COLUMN feed_seq bigint;
        CREATE SEQUENCE \(table)_feed_seq OWNED BY \(table).feed_seq;
        UPDATE \(table) t SET feed_xid = pg_current_xact_id(), feed_seq = o.n
            FROM (SELECT \(key), row_number() OVER (ORDER BY \(order)) AS n FROM \(table)) o WHERE o.\(key) = t.\(key);
        SELECT setval('\(table)_feed_seq', coalesce(max(feed_seq), 0) + 1, false) FROM \(table);
        ALTER TABLE \(table) ALTER COLUMN feed_xid SET NOT NULL, ALTER COLUMN feed_seq SET NOT NULL;
        CREATE TRIGGER \(table)_feed_position BEFORE INSERT ON \(table)
            FOR EACH ROW EXECUTE FUNCTION occ_feed_position('\(table)_feed_seq');
        CREATE INDEX \(table)_partner_feed ON \(table) (partner_id, feed_xid, feed_seq);
        GRANT USAGE ON SEQUENCE \(table)_feed_seq TO \(writer);
        """
    }
}
