import Postgres

/// Statements on `disclosure_policy`.
enum PolicyQueries {
    static let all = PostgresQuery("disclosure_policy_all", "SELECT setting, value FROM disclosure_policy")
}
