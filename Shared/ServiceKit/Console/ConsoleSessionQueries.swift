import Postgres

/// Statements on `console_sessions`. Sessions are found by the SHA-256 of their token only.
enum ConsoleSessionQueries {
    private static let columns = "id, key_id, role, actor, partner_id, officer_id, agency_code, created_at, expires_at, revoked_at"
    static let insert = PostgresQuery(
        "console_sessions_insert",
        """
        INSERT INTO console_sessions (token_hash, key_id, role, actor, partner_id, officer_id, agency_code, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8::float8))
        RETURNING \(columns)
        """)
    /// A live session: unrevoked, unexpired, and its key still unrevoked (revoking a key or an
    /// officer ends their console sessions at once).
    static let live = PostgresQuery(
        "console_sessions_live",
        """
        SELECT \(columns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
        FROM console_sessions s JOIN api_keys k ON k.id = s.key_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND k.revoked_at IS NULL
        """)
    static let revokeByToken = PostgresQuery(
        "console_sessions_revoke_by_token",
        "UPDATE console_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id, actor")
    static let revoke = PostgresQuery(
        "console_sessions_revoke",
        "UPDATE console_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id, actor")
    /// Live sessions, or every session when $1 is true, oldest first.
    static let list = PostgresQuery(
        "console_sessions_list",
        """
        SELECT \(columns) FROM console_sessions
        WHERE $1::boolean OR (revoked_at IS NULL AND expires_at > now())
        ORDER BY id
        """)
}
