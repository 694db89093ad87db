import Postgres

/// Statements on `lookup_policy`.
enum LookupPolicyQueries {
    static let read = PostgresQuery("lookup_policy_show", "SELECT sector_floor, max_values, requests_per_minute FROM lookup_policy")
    static let update = PostgresQuery(
        "lookup_policy_update",
        """
        UPDATE lookup_policy SET sector_floor = coalesce($1::integer, sector_floor), max_values = coalesce($2::integer, max_values),
               requests_per_minute = coalesce($3::integer, requests_per_minute), updated_at = now()
        RETURNING sector_floor, max_values, requests_per_minute
        """)
}
