import Postgres

/// Statements on `referral_scores`.
enum ScoreQueries {
    static let upsert = PostgresQuery(
        "referral_scores_upsert",
        """
        INSERT INTO referral_scores (referral_id, score, components, distinct_partners, distinct_sectors, linked_referrals)
        VALUES ($1, $2, $3::jsonb, $4, $5, $6)
        ON CONFLICT (referral_id) DO UPDATE SET
            score = excluded.score, components = excluded.components, distinct_partners = excluded.distinct_partners,
            distinct_sectors = excluded.distinct_sectors, linked_referrals = excluded.linked_referrals, scored_at = now()
        """)
}
