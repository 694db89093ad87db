import Postgres

/// Statements on `audit_log`.
enum AuditQueries {
    /// Serialises appends for the rest of the transaction, so each row's `prev_hash` is the newest hash.
    static let lock = PostgresQuery("audit_lock", "SELECT pg_advisory_xact_lock($1::bigint)")
    /// Links to the newest row (or the genesis hash) and hashes in the same statement: one round trip.
    static let append = PostgresQuery(
        "audit_append",
        """
        WITH previous AS (
            SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), $8) AS hash
        )
        INSERT INTO audit_log (occurred_at, actor, action, subject_type, subject_id, trace_id, event, prev_hash, hash)
        SELECT $1, $2, $3, $4, $5, $6, $7, previous.hash,
               encode(sha256(convert_to(previous.hash || $7, 'UTF8')), 'hex')
        FROM previous
        RETURNING id, hash
        """)
    /// A page of the chain in order, for verification.
    static let page = PostgresQuery(
        "audit_page",
        """
        SELECT id, actor, action, subject_type, subject_id, event, prev_hash, hash FROM audit_log
        WHERE id > $1 ORDER BY id LIMIT $2
        """)
}
