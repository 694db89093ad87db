import Postgres

/// Statements on `networks` and `network_members`.
enum NetworkQueries {
    /// Adds the referral to the network of its linking keys, merging networks it bridges
    /// (`occ_network_join`, migration 11: locks, merge and counters in one call).
    static let join = PostgresQuery(
        "networks_join",
        """
        SELECT joined_network, network_version, reevaluate, partners, sectors, referrals
        FROM occ_network_join($1::uuid, $2::text[], $3::bigint, $4::text, $5::timestamptz)
        """)
    /// The other members to re-score when the network changed, with what scoring reads.
    static let otherMembers = PostgresQuery(
        "network_members_for_rescoring",
        """
        SELECT r.id, r.canonical::text AS canonical, r.received_at, r.trace_id, s.gbp_per_unit::float8 AS gbp_per_unit,
               (SELECT count(DISTINCT l.linked_referral_id) FROM referral_neighbours l WHERE l.referral_id = r.id) AS linked
        FROM network_members m JOIN referrals r ON r.id = m.referral_id JOIN referral_scores s ON s.referral_id = m.referral_id
        WHERE m.network_id = $1 AND m.referral_id <> $2
        ORDER BY r.id
        """)
    /// The network's score is its highest member's.
    static let raiseScore = PostgresQuery(
        "networks_raise_score", "UPDATE networks SET score = greatest(score, $2) WHERE id = $1")
}
