import Postgres

/// Statements on `referrals` (and its partner) used by enrichment.
enum ReferralQueries {
    /// Locks the referral so a redelivered job waits for the first attempt rather than racing it.
    static let load = PostgresQuery(
        "referrals_for_enrichment",
        """
        SELECT r.partner_id, p.sector, r.canonical::text AS canonical, r.received_at, r.trace_id
        FROM referrals r JOIN partners p ON p.id = r.partner_id
        WHERE r.id = $1 AND NOT EXISTS (SELECT 1 FROM referral_withdrawals w WHERE w.referral_id = r.id)
        FOR UPDATE OF r
        """)
    static let markEnriched = PostgresQuery(
        "referrals_mark_enriched", "UPDATE referrals SET status = 'enriched' WHERE id = $1 AND status = 'received'")
}
