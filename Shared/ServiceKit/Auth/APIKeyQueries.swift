import Postgres

/// Statements on `api_keys`.
enum APIKeyQueries {
    /// The key's owner and scopes, and whether $2 is its secret's hash: the stored hash never
    /// leaves the database (services may not read it). Row-level security hides the keys of
    /// organisations other than a bound login's own.
    static let lookup = PostgresQuery(
        "api_keys_lookup",
        """
        SELECT partner_id, agency_code, officer_id, scopes, revoked_at IS NOT NULL AS revoked, occ_api_key_matches(id, $2) AS matches
        FROM api_keys WHERE id = $1
        """)
    static let insert = PostgresQuery(
        "api_keys_insert",
        "INSERT INTO api_keys (id, partner_id, agency_code, officer_id, scopes, secret_hash) VALUES ($1, $2, $3, $4, $5::text[], $6)")
    static let revoke = PostgresQuery(
        "api_keys_revoke",
        "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL")
    /// Revoking an officer revokes every key they hold, in the same transaction.
    static let revokeForOfficer = PostgresQuery(
        "api_keys_revoke_for_officer",
        "UPDATE api_keys SET revoked_at = now() WHERE officer_id = $1 AND revoked_at IS NULL RETURNING id")
    static let list = PostgresQuery(
        "api_keys_list",
        """
        SELECT id, partner_id, agency_code, scopes, created_at, revoked_at FROM api_keys
        ORDER BY created_at, id
        """)
}
