import Postgres

/// Statements that take a disposed referral out of correlation: its sightings, links and
/// network membership, and the per-key and per-network counters that counted them. `$1` is the
/// batch's referral ids (or what the previous statement returned).
enum RetentionCorrelationQueries {
    /// Every link of the batch's referrals, whichever end made it (each pair is stored once,
    /// migration 19).
    static let deleteLinks = PostgresQuery("referral_links_retention_delete", """
        DELETE FROM referral_links WHERE referral_id = ANY($1::uuid[]) OR linked_referral_id = ANY($1::uuid[])
        """)

    /// The batch's sightings; returns their keys, whose counters follow.
    static let deleteSightings = PostgresQuery("indicator_sightings_retention_delete", """
        DELETE FROM indicator_sightings WHERE referral_id = ANY($1::uuid[]) RETURNING key
        """)

    /// Keys still sighted: counters recounted from the sightings that remain.
    static let recountIndicators = PostgresQuery("indicators_retention_recount", """
        UPDATE indicators i
           SET sightings = c.sightings, distinct_partners = c.partners, distinct_sectors = c.sectors,
               first_seen = c.first_seen, last_seen = c.last_seen
          FROM (SELECT s.key, count(*) AS sightings, count(DISTINCT s.partner_id) AS partners,
                       count(DISTINCT s.sector) AS sectors, min(s.seen_at) AS first_seen, max(s.seen_at) AS last_seen
                FROM indicator_sightings s WHERE s.key = ANY($1::text[]) GROUP BY s.key) c
         WHERE i.key = c.key
        """)

    /// Keys no one sights any more: the value itself goes.
    static let deleteIndicators = PostgresQuery("indicators_retention_delete", """
        DELETE FROM indicators i
        WHERE i.key = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM indicator_sightings s WHERE s.key = i.key)
        """)

    static let deleteIndicatorPartners = PostgresQuery("indicator_partners_retention_delete", """
        DELETE FROM indicator_partners p
        WHERE p.key = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM indicator_sightings s WHERE s.key = p.key AND s.partner_id = p.partner_id)
        """)

    /// The batch's memberships; returns the networks they leave.
    static let deleteMembers = PostgresQuery("network_members_retention_delete", """
        DELETE FROM network_members WHERE referral_id = ANY($1::uuid[]) RETURNING network_id
        """)

    /// Linking keys ($2) of the networks left ($1) that no remaining member sights.
    static let deleteNetworkKeys = PostgresQuery("network_keys_retention_delete", """
        DELETE FROM network_keys k
        WHERE k.network_id = ANY($1::bigint[]) AND k.key = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM indicator_sightings s JOIN network_members m ON m.referral_id = s.referral_id
                          WHERE s.key = k.key AND m.network_id = k.network_id)
        """)

    /// Partners of the networks left with no remaining member.
    static let deleteNetworkPartners = PostgresQuery("network_partners_retention_delete", """
        DELETE FROM network_partners p
        WHERE p.network_id = ANY($1::bigint[])
          AND NOT EXISTS (SELECT 1 FROM network_members m JOIN referrals r ON r.id = m.referral_id
                          WHERE m.network_id = p.network_id AND r.partner_id = p.partner_id)
        """)

    /// The networks' counters, recounted from what remains.
    static let recountNetworks = PostgresQuery("networks_retention_recount", """
        UPDATE networks w
           SET referral_count = c.referrals, indicator_count = c.keys, partner_count = c.partners,
               sector_count = c.sectors, updated_at = now()
          FROM (SELECT n.id,
                       (SELECT count(*) FROM network_members m WHERE m.network_id = n.id) AS referrals,
                       (SELECT count(*) FROM network_keys k WHERE k.network_id = n.id) AS keys,
                       (SELECT count(*) FROM network_partners p WHERE p.network_id = n.id) AS partners,
                       (SELECT count(DISTINCT p.sector) FROM network_partners p WHERE p.network_id = n.id) AS sectors
                FROM unnest($1::bigint[]) AS n (id)) c
         WHERE w.id = c.id
        """)

    /// Scores keep their numbers; what enrichment found (indicator values) and the network go.
    static let clearScores = PostgresQuery("referral_scores_retention_clear", """
        UPDATE referral_scores SET network_id = NULL, enrichment = '{}'::jsonb WHERE referral_id = ANY($1::uuid[])
        """)

    static let deleteReferralIndicators = PostgresQuery("referral_indicators_retention_delete", """
        DELETE FROM referral_indicators WHERE referral_id = ANY($1::uuid[])
        """)
}
