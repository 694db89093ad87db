import Postgres

/// Statements on `webhook_endpoints` and `webhook_secrets`, for the partner in scope.
enum WebhookEndpointQueries {
    static let upsert = PostgresQuery(
        "webhook_endpoints_upsert",
        """
        INSERT INTO webhook_endpoints (partner_id, url) VALUES ($1, $2)
        ON CONFLICT (partner_id) DO UPDATE SET url = EXCLUDED.url, enabled = true, updated_at = now()
        """)
    static let disable = PostgresQuery(
        "webhook_endpoints_disable",
        "UPDATE webhook_endpoints SET enabled = false, updated_at = now() WHERE partner_id = $1 AND enabled")
    static let find = PostgresQuery(
        "webhook_endpoints_find", "SELECT url, enabled, updated_at FROM webhook_endpoints WHERE partner_id = $1")

    /// The secrets that still sign, newest first (no secret value: the operator may not read it).
    static let activeSecrets = PostgresQuery(
        "webhook_secrets_active",
        """
        SELECT id, created_at, expires_at FROM webhook_secrets
        WHERE partner_id = $1 AND (expires_at IS NULL OR expires_at > now())
        ORDER BY id DESC
        """)
    static let insertSecret = PostgresQuery(
        "webhook_secrets_insert", "INSERT INTO webhook_secrets (partner_id, secret) VALUES ($1, $2) RETURNING id")
    /// Rotation: every secret still signing stops at now + `$2` (the overlap), unless it stops sooner.
    static let expireSecrets = PostgresQuery(
        "webhook_secrets_expire",
        """
        UPDATE webhook_secrets SET expires_at = now() + $2::interval
        WHERE partner_id = $1 AND (expires_at IS NULL OR expires_at > now() + $2::interval)
        """)
}
