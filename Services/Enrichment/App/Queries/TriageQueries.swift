import Postgres

/// Statements on the triage reference data: `currency_rates`, `postcode_areas`, `police_forces`.
enum TriageQueries {
    /// The latest rate on or before the loss's date (UTC).
    static let rate = PostgresQuery(
        "currency_rates_on",
        """
        SELECT gbp_per_unit::float8 AS rate FROM currency_rates
        WHERE currency = $1 AND rate_date <= ($2::timestamptz AT TIME ZONE 'UTC')::date
        ORDER BY rate_date DESC LIMIT 1
        """)
    static let place = PostgresQuery(
        "postcode_areas_place",
        """
        SELECT f.code AS police_force, f.rocu_region FROM postcode_areas a JOIN police_forces f ON f.code = a.police_force
        WHERE a.area = $1
        """)
}
