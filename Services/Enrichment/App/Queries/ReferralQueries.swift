import Postgres

/// Statements on `referrals` (and its partner) used by enrichment.
enum ReferralQueries {
    /// Locks a batch's referrals (in id order, so two batches cannot deadlock on them) so a
    /// redelivered job waits for the first attempt rather than racing it.
    static let load = PostgresQuery(
        "referrals_for_enrichment",
        """
        SELECT r.id, r.partner_id, p.sector, r.canonical::text AS canonical, r.received_at, r.trace_id
        FROM referrals r JOIN partners p ON p.id = r.partner_id
        WHERE r.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM referral_withdrawals w WHERE w.referral_id = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
        """)
    static let markEnriched = PostgresQuery(
        "referrals_mark_enriched", "UPDATE referrals SET status = 'enriched' WHERE id = $1 AND status = 'received'")
}
