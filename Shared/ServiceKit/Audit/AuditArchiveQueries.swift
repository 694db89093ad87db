import Postgres

/// Statements on `audit_archives` and `audit_archive` (migration 18).
enum AuditArchiveQueries {
    static let boundary = PostgresQuery(
        "audit_archive_boundary", "SELECT through_seq, boundary_hash FROM audit_archives ORDER BY through_seq DESC LIMIT 1")
    static let archive = PostgresQuery("audit_archive", "SELECT audit_archive($1::bigint, $2) AS archived")
}
