import Postgres

/// The network of a referral: itself and every referral reachable through shared indicators.
enum NetworkQueries {
    /// Each referral of the network with its partner, markings and the keys it contributed.
    static let recipients = PostgresQuery(
        "network_recipients",
        """
        WITH RECURSIVE network (referral_id) AS (
            SELECT $1::uuid
            UNION
            SELECT l.linked_referral_id FROM referral_links l JOIN network n ON l.referral_id = n.referral_id
        )
        SELECT r.id, r.partner_id, (r.canonical->'markings')::text AS markings,
               coalesce((SELECT array_agg(s.key ORDER BY s.key) FROM indicator_sightings s WHERE s.referral_id = r.id), '{}') AS keys
        FROM network n JOIN referrals r ON r.id = n.referral_id
        ORDER BY r.partner_id, r.id
        LIMIT $2
        """)
}
