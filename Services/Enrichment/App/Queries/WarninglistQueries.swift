import Postgres

/// Statements on `warninglist_entries`.
enum WarninglistQueries {
    static let listed = PostgresQuery("warninglist_entries_listed", "SELECT key FROM warninglist_entries WHERE key = ANY($1::text[])")
}
