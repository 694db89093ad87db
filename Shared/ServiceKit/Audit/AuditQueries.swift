import Postgres

/// Statements on `audit_log` and its functions (migration 6).
enum AuditQueries {
    /// The only way in for a service: one row per array element, through the definer function that
    /// records the login and the server's clock. No lock, no hashing: the chainer links rows later.
    static let append = PostgresQuery(
        "audit_append",
        """
        SELECT appended_id AS id FROM audit_append($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
        """)
    /// Links up to $1 pending rows if no other process is doing so; returns how many.
    static let chain = PostgresQuery("audit_chain", "SELECT audit_chain($1::int) AS chained")
    /// The newest row waiting to be chained, if any.
    static let newestPending = PostgresQuery(
        "audit_newest_pending", "SELECT max(id) AS id FROM audit_log WHERE chain_seq IS NULL")
    /// Rows still waiting to be chained, at or below an id (all of them with the largest bigint).
    static let pendingUpTo = PostgresQuery(
        "audit_pending_up_to", "SELECT count(*)::int AS n FROM audit_log WHERE chain_seq IS NULL AND id <= $1")
    /// The newest chained row.
    static let head = PostgresQuery(
        "audit_head", "SELECT chain_seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1")
    /// A page of the chain in order, for verification; times as whole microseconds since the epoch,
    /// as `audit_chain` hashes them.
    static let page = PostgresQuery(
        "audit_page",
        """
        SELECT id, chain_seq, prev_hash, hash, login,
               (extract(epoch FROM recorded_at) * 1000000)::bigint AS recorded_us,
               (extract(epoch FROM occurred_at) * 1000000)::bigint AS occurred_us,
               actor, action, subject_type, subject_id, trace_id, event
        FROM audit_log WHERE chain_seq > $1 ORDER BY chain_seq LIMIT $2
        """)
}
