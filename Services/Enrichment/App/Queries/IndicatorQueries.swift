import Postgres

/// Statements on `indicators`, `indicator_sightings`, `indicator_partners` and `referral_links`.
enum IndicatorQueries {
    /// Serialises enrichment of referrals sharing a key (in key order, so two cannot deadlock),
    /// so each sees the other's sightings and links both ways.
    static let lockKeys = PostgresQuery(
        "indicators_lock_keys",
        """
        SELECT count(pg_advisory_xact_lock(hashtextextended(k, 4242)))
        FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS keys
        """)
    /// Records the referral's sightings (`$6`: keys in a non-linking role) and updates each key's counters from the new rows alone
    /// (never a recount of the key's other sightings, which a campaign number has thousands of).
    /// A partner is new to a key when its `indicator_partners` row is; a sector is new when no
    /// other partner of that sector has the key (the statement does not see its own new row).
    static let recordSightings = PostgresQuery(
        "indicator_sightings_record",
        """
        WITH new_sightings AS (
            INSERT INTO indicator_sightings (key, referral_id, partner_id, sector, seen_at, links)
            SELECT k, $2::uuid, $3::bigint, $4::text, $5::timestamptz, NOT (k = ANY ($6::text[])) FROM unnest($1::text[]) AS k
            ON CONFLICT (key, referral_id) DO NOTHING
            RETURNING key),
        new_partners AS (
            INSERT INTO indicator_partners (key, partner_id, sector)
            SELECT key, $3::bigint, $4::text FROM new_sightings
            ON CONFLICT (key, partner_id) DO NOTHING
            RETURNING key)
        INSERT INTO indicators AS i (key, first_seen, last_seen, distinct_partners, distinct_sectors, sightings)
        SELECT s.key, $5::timestamptz, $5::timestamptz, 1, 1, 1 FROM new_sightings s
        ON CONFLICT (key) DO UPDATE SET
            first_seen = least(i.first_seen, excluded.first_seen),
            last_seen = greatest(i.last_seen, excluded.last_seen),
            sightings = i.sightings + 1,
            distinct_partners = i.distinct_partners + (SELECT count(*) FROM new_partners p WHERE p.key = excluded.key)::integer,
            distinct_sectors = i.distinct_sectors + CASE
                WHEN EXISTS (SELECT 1 FROM new_partners p WHERE p.key = excluded.key)
                     AND NOT EXISTS (SELECT 1 FROM indicator_partners o WHERE o.key = excluded.key AND o.sector = $4::text)
                THEN 1 ELSE 0 END
        """)
    /// Links the referral with the most recent `$3` other referrals sighting each of its keys in
    /// a linking role. Each pair is stored once, by the referral that made it (migration 19);
    /// `referral_neighbours` reads both directions.
    static let link = PostgresQuery(
        "referral_links_insert",
        """
        INSERT INTO referral_links (referral_id, linked_referral_id, key)
        SELECT $1::uuid, other.referral_id, k.key
        FROM unnest($2::text[]) AS k (key)
        CROSS JOIN LATERAL (
            SELECT s.referral_id FROM indicator_sightings s
            WHERE s.key = k.key AND s.referral_id <> $1 AND s.links ORDER BY s.seen_at DESC LIMIT $3
        ) AS other
        ON CONFLICT DO NOTHING
        """)
    static let linkedCount = PostgresQuery(
        "referral_links_count", "SELECT count(DISTINCT linked_referral_id) AS linked FROM referral_neighbours WHERE referral_id = $1")
}
