import Postgres

/// Statements on `officers`.
enum OfficerQueries {
    private static let columns = "id, agency_code, name, staff_id, created_at, revoked_at"
    static let insert = PostgresQuery(
        "officers_insert", "INSERT INTO officers (agency_code, name, staff_id) VALUES ($1, $2, $3) RETURNING \(columns)")
    /// Every officer, or one agency's (`$1` NULL for all), in a stable order.
    static let list = PostgresQuery(
        "officers_list",
        "SELECT \(columns) FROM officers WHERE $1::text IS NULL OR agency_code = $1 ORDER BY agency_code, id")
    /// An active officer's agency, locked against a concurrent revocation until the key is issued.
    static let lockActive = PostgresQuery(
        "officers_lock_active", "SELECT agency_code FROM officers WHERE id = $1 AND revoked_at IS NULL FOR SHARE")
    static let revoke = PostgresQuery(
        "officers_revoke",
        "UPDATE officers SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING \(columns)")
}
