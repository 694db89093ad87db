import Postgres

/// Statements that take a withdrawn referral out of correlation (`unlink_referral`): its links,
/// its sightings' power to link, and its network membership, splitting what it held together.
enum UnlinkQueries {
    /// Locks the referral, so this waits for an enrichment of it still running (and vice versa).
    static let lock = PostgresQuery("referrals_lock_for_unlink", "SELECT id FROM referrals WHERE id = $1 FOR UPDATE")
    static let membership = PostgresQuery("network_members_of_referral", "SELECT network_id FROM network_members WHERE referral_id = $1")
    /// The advisory lock `occ_network_join` takes on a network (migration 11), so no join races the split.
    static let lockNetwork = PostgresQuery("networks_lock_for_unlink", "SELECT pg_advisory_xact_lock(4243, ($1::bigint % 2147483647)::integer)")
    /// Links to or from `$1` through keys `$2` (NULL: all of them).
    static let deleteLinks = PostgresQuery(
        "referral_links_delete_referral",
        "DELETE FROM referral_links WHERE (referral_id = $1 OR linked_referral_id = $1) AND ($2::text[] IS NULL OR key = ANY ($2::text[]))")
    /// Its values (`$2`, NULL: all) stay recorded (and shown) but never link a later referral to it.
    static let stopLinking = PostgresQuery(
        "indicator_sightings_stop_linking",
        "UPDATE indicator_sightings SET links = false WHERE referral_id = $1 AND links AND ($2::text[] IS NULL OR key = ANY ($2::text[]))")
    /// The members of `$1` (without `$2` when `$3`: it leaves) and the network's linking keys each sights.
    static let remainingKeys = PostgresQuery(
        "network_members_remaining_keys",
        """
        SELECT m.referral_id, coalesce(array_agg(s.key) FILTER (WHERE s.key IS NOT NULL), '{}') AS keys
        FROM network_members m
        LEFT JOIN indicator_sightings s ON s.referral_id = m.referral_id AND s.links
            AND EXISTS (SELECT 1 FROM network_keys k WHERE k.key = s.key AND k.network_id = m.network_id)
        WHERE m.network_id = $1 AND (m.referral_id <> $2 OR NOT $3::bool)
        GROUP BY m.referral_id
        """)
    static let deleteMember = PostgresQuery("network_members_delete", "DELETE FROM network_members WHERE referral_id = $1")
    /// Keys of network `$1` no remaining member sights (`$2` the keys they do) link nothing now.
    static let deleteOrphanKeys = PostgresQuery(
        "network_keys_delete_orphans", "DELETE FROM network_keys WHERE network_id = $1 AND NOT (key = ANY ($2::text[]))")
    /// Moves members `$2` and keys `$3` of network `$1` into a new network.
    static let split = PostgresQuery(
        "networks_split",
        """
        WITH fresh AS (
            INSERT INTO networks (first_seen, last_seen, score) SELECT first_seen, last_seen, score FROM networks WHERE id = $1 RETURNING id
        ), moved AS (
            UPDATE network_members m SET network_id = (SELECT id FROM fresh) WHERE m.referral_id = ANY ($2::uuid[]) RETURNING 1
        ), keys AS (
            UPDATE network_keys k SET network_id = (SELECT id FROM fresh) WHERE k.key = ANY ($3::text[]) RETURNING 1
        )
        SELECT id, (SELECT count(*) FROM moved) AS members, (SELECT count(*) FROM keys) AS keys FROM fresh
        """)
    /// The networks now holding members `$2`, and network `$1` itself.
    private static let targets = "(SELECT network_id FROM network_members WHERE referral_id = ANY ($2::uuid[]) UNION SELECT $1::bigint)"
    static let clearPartners = PostgresQuery(
        "network_partners_clear_for_unlink", "DELETE FROM network_partners WHERE network_id IN \(targets)")
    static let fillPartners = PostgresQuery(
        "network_partners_fill_for_unlink",
        """
        INSERT INTO network_partners (network_id, partner_id, sector)
        SELECT DISTINCT ON (m.network_id, r.partner_id) m.network_id, r.partner_id, p.sector
        FROM network_members m JOIN referrals r ON r.id = m.referral_id JOIN partners p ON p.id = r.partner_id
        WHERE m.referral_id = ANY ($2::uuid[]) AND $1::bigint IS NOT NULL
        ORDER BY m.network_id, r.partner_id
        """)
    /// Recounts every target network and raises its version (its scoring inputs changed).
    static let recount = PostgresQuery(
        "networks_recount_for_unlink",
        """
        UPDATE networks w SET
            referral_count = (SELECT count(*) FROM network_members m WHERE m.network_id = w.id),
            indicator_count = (SELECT count(*) FROM network_keys k WHERE k.network_id = w.id),
            partner_count = (SELECT count(*) FROM network_partners p WHERE p.network_id = w.id),
            sector_count = (SELECT count(DISTINCT p.sector) FROM network_partners p WHERE p.network_id = w.id),
            version = w.version + 1, updated_at = now()
        WHERE w.id IN \(targets)
        """)
}
