import Postgres

/// Statements on `gateway_flags`.
enum FlaggedQueries {
    static let list = PostgresQuery(
        "gateway_flags_list",
        """
        SELECT f.flagged_at, r.reference, f.referral_id::text AS referral_id, f.gateway, f.withheld_teams, f.reason
        FROM gateway_flags f JOIN referrals r ON r.id = f.referral_id
        ORDER BY f.flagged_at, f.referral_id
        """)
}
