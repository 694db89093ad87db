import Postgres

/// The network of an actioned referral, as the disclosure decision needs it.
enum NetworkQueries {
    /// The actioned referral ($1, hops 0) and every referral within $2 shared-indicator links of
    /// it, nearest first, each with its partner, markings and the keys it contributed; at most $3.
    static let recipients = PostgresQuery(
        "network_recipients",
        """
        WITH RECURSIVE reach (referral_id, hops) AS (
            SELECT $1::uuid, 0
            UNION
            SELECT l.linked_referral_id, r.hops + 1 FROM referral_neighbours l JOIN reach r ON l.referral_id = r.referral_id
            WHERE r.hops < $2
        ), nearest AS (
            SELECT referral_id, min(hops) AS hops FROM reach GROUP BY referral_id
        )
        SELECT r.id, r.partner_id, p.name AS partner_name, n.hops, (r.canonical->'markings')::text AS markings,
               coalesce((SELECT array_agg(s.key ORDER BY s.key) FROM indicator_sightings s WHERE s.referral_id = r.id), '{}') AS keys
        FROM nearest n JOIN referrals r ON r.id = n.referral_id JOIN partners p ON p.id = r.partner_id
        ORDER BY n.hops, r.partner_id, r.id
        LIMIT $3
        """)
    /// The latest embargo of any outcome on any tasking of the referral's whole network (every
    /// member, however far: an embargo binds the network, not a hop). A referral not yet in a
    /// network is its own.
    static let latestEmbargo = PostgresQuery(
        "network_latest_embargo",
        """
        WITH network (referral_id) AS (
            SELECT $1::uuid
            UNION
            SELECT m.referral_id FROM network_members m
            WHERE m.network_id = (SELECT o.network_id FROM network_members o WHERE o.referral_id = $1)
        )
        SELECT max(o.embargo_until) AS latest
        FROM network n JOIN taskings t ON t.referral_id = n.referral_id JOIN outcomes o ON o.tasking_id = t.id
        """)
}
