import Postgres

/// Statements on `indicators`, `indicator_sightings` and `referral_links`.
enum IndicatorQueries {
    /// Serialises enrichment of referrals sharing a key (in key order, so two cannot deadlock),
    /// so each sees the other's sightings and links both ways.
    static let lockKeys = PostgresQuery(
        "indicators_lock_keys",
        """
        SELECT count(pg_advisory_xact_lock(hashtextextended(k, 4242)))
        FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys
        """)
    static let insertSightings = PostgresQuery(
        "indicator_sightings_insert",
        """
        INSERT INTO indicator_sightings (key, referral_id, partner_id, sector, seen_at)
        SELECT k, $2, $3, $4, $5 FROM unnest($1::text[]) AS k
        ON CONFLICT (key, referral_id) DO NOTHING
        """)
    /// Corroboration: the most distinct partners, and sectors, of any one of the keys.
    static let corroboration = PostgresQuery(
        "indicators_corroboration",
        "SELECT coalesce(max(distinct_partners), 1) AS partners, coalesce(max(distinct_sectors), 1) AS sectors FROM indicators WHERE key = ANY($1::text[])")
    /// Recomputes the aggregate rows of the keys from their sightings.
    static let upsertAggregates = PostgresQuery(
        "indicators_upsert",
        """
        INSERT INTO indicators (key, first_seen, last_seen, distinct_partners, distinct_sectors)
        SELECT key, min(seen_at), max(seen_at), count(DISTINCT partner_id), count(DISTINCT sector)
        FROM indicator_sightings WHERE key = ANY($1::text[]) GROUP BY key
        ON CONFLICT (key) DO UPDATE SET
            first_seen = excluded.first_seen, last_seen = excluded.last_seen,
            distinct_partners = excluded.distinct_partners, distinct_sectors = excluded.distinct_sectors
        """)
    /// Links the referral with the most recent `$3` other referrals sighting each of its keys, both ways.
    static let link = PostgresQuery(
        "referral_links_insert",
        """
        INSERT INTO referral_links (referral_id, linked_referral_id, key)
        SELECT pair.a, pair.b, pair.key
        FROM unnest($2::text[]) AS k (key)
        CROSS JOIN LATERAL (
            SELECT s.referral_id FROM indicator_sightings s
            WHERE s.key = k.key AND s.referral_id <> $1 ORDER BY s.seen_at DESC LIMIT $3
        ) AS other
        CROSS JOIN LATERAL (VALUES ($1::uuid, other.referral_id, k.key), (other.referral_id, $1::uuid, k.key)) AS pair (a, b, key)
        ON CONFLICT DO NOTHING
        """)
    static let linkedCount = PostgresQuery(
        "referral_links_count", "SELECT count(DISTINCT linked_referral_id) AS linked FROM referral_links WHERE referral_id = $1")
}
