import Postgres

/// Statements on `referrals` (with its score) used by tasking.
enum ReferralQueries {
    static let loadScored = PostgresQuery(
        "referrals_for_tasking",
        """
        SELECT r.canonical::text AS canonical, r.trace_id, s.score, s.distinct_partners, s.sector, s.loss_gbp::float8 AS loss_gbp,
               s.police_force, s.rocu_region, coalesce(n.referral_count, 1) AS network_size
        FROM referrals r JOIN referral_scores s ON s.referral_id = r.id LEFT JOIN networks n ON n.id = s.network_id
        WHERE r.id = $1
        FOR UPDATE OF r
        """)
    static let markTasked = PostgresQuery(
        "referrals_mark_tasked", "UPDATE referrals SET status = 'tasked' WHERE id = $1 AND status IN ('received', 'enriched')")
    static let markActioned = PostgresQuery(
        "referrals_mark_actioned",
        "UPDATE referrals SET status = 'actioned' WHERE id = $1 AND status IN ('received', 'enriched', 'tasked')")
}
