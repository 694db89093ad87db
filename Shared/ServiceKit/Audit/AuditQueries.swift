import Postgres

/// Statements on `audit_log`.
enum AuditQueries {
    /// Serialises appends for the rest of the transaction, so each row's `prev_hash` is the newest hash.
    static let lock = PostgresQuery("audit_lock", "SELECT pg_advisory_xact_lock($1::bigint)")
    /// Links the first event to the newest row (or the genesis hash) and each later one to the
    /// event before it, hashing as it goes: one statement for any number of events. Rows are
    /// inserted in input order, so ids follow the chain.
    static let append = PostgresQuery(
        "audit_append",
        """
        WITH RECURSIVE input AS (
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS t(occurred_at, actor, action, subject_type, subject_id, trace_id, event, position)
        ), chain AS (
            SELECT 0::bigint AS position, coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), $8) AS hash
            UNION ALL
            SELECT input.position, encode(sha256(convert_to(chain.hash || input.event, 'UTF8')), 'hex')
            FROM chain JOIN input ON input.position = chain.position + 1
        )
        INSERT INTO audit_log (occurred_at, actor, action, subject_type, subject_id, trace_id, event, prev_hash, hash)
        SELECT input.occurred_at, input.actor, input.action, input.subject_type, input.subject_id, input.trace_id,
               input.event, previous.hash, current.hash
        FROM input
        JOIN chain current ON current.position = input.position
        JOIN chain previous ON previous.position = input.position - 1
        ORDER BY input.position
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
