import Postgres

/// Statements on `referrals` (with its score and its gateway's registry row) used by tasking.
enum ReferralQueries {
    /// A batch's referrals, locked in id order (two batches cannot deadlock on them). The gateway
    /// columns are NULL when the referral's gateway is not in the registry.
    static let loadScored = PostgresQuery(
        "referrals_for_tasking",
        """
        SELECT r.id, r.canonical::text AS canonical, r.trace_id, s.score, s.distinct_partners, s.sector, s.loss_gbp::float8 AS loss_gbp,
               s.police_force, s.rocu_region, coalesce(n.referral_count, 1) AS network_size,
               g.code, g.title, g.citation, g.invoker_sectors, g.invoker_regulated_sector, g.invoker_public_authority,
               g.permitted_agencies, g.onward_disclosure, g.retired_at
        FROM referrals r JOIN referral_scores s ON s.referral_id = r.id LEFT JOIN networks n ON n.id = s.network_id
        LEFT JOIN lawful_gateways g ON g.code = r.gateway
        WHERE r.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM referral_withdrawals w WHERE w.referral_id = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
        """)
    /// A referral whose gateway permits none of the teams routing chose waits for an OCC analyst.
    static let flag = PostgresQuery(
        "gateway_flags_insert",
        """
        INSERT INTO gateway_flags (referral_id, gateway, withheld_teams, reason) VALUES ($1, $2, $3::text[], $4)
        ON CONFLICT (referral_id) DO NOTHING
        """)
    static let markTasked = PostgresQuery(
        "referrals_mark_tasked", "UPDATE referrals SET status = 'tasked' WHERE id = $1 AND status IN ('received', 'enriched')")
    static let markActioned = PostgresQuery(
        "referrals_mark_actioned",
        "UPDATE referrals SET status = 'actioned' WHERE id = $1 AND status IN ('received', 'enriched', 'tasked')")
}
