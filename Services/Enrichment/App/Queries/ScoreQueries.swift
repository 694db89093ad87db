import Postgres

/// Statements on `referral_scores`.
enum ScoreQueries {
    static let upsert = PostgresQuery(
        "referral_scores_upsert",
        """
        INSERT INTO referral_scores (referral_id, score, components, distinct_partners, distinct_sectors, linked_referrals,
                                     network_id, enrichment, sector, loss_gbp, gbp_per_unit, police_force, rocu_region)
        VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8::jsonb, $9, $10::float8, $11::float8, $12, $13)
        ON CONFLICT (referral_id) DO UPDATE SET
            score = excluded.score, components = excluded.components, distinct_partners = excluded.distinct_partners,
            distinct_sectors = excluded.distinct_sectors, linked_referrals = excluded.linked_referrals,
            network_id = excluded.network_id, enrichment = excluded.enrichment, sector = excluded.sector,
            loss_gbp = excluded.loss_gbp, gbp_per_unit = excluded.gbp_per_unit, police_force = excluded.police_force,
            rocu_region = excluded.rocu_region, scored_at = now()
        """)
    /// Re-scores many members at once from a JSON array of `Rescore`s.
    static let rescore = PostgresQuery(
        "referral_scores_rescore",
        """
        UPDATE referral_scores s SET
            score = x.score, components = x.components, distinct_partners = x.distinct_partners,
            distinct_sectors = x.distinct_sectors, linked_referrals = x.linked_referrals, network_id = x.network_id,
            enrichment = jsonb_set(s.enrichment, '{network_id}', to_jsonb(x.network_id)), scored_at = now()
        FROM jsonb_to_recordset($1::jsonb) AS x (referral_id uuid, score smallint, components jsonb, distinct_partners integer,
                                                 distinct_sectors integer, linked_referrals integer, network_id bigint)
        WHERE s.referral_id = x.referral_id
        """)
}
