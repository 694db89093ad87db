import Postgres

/// Prints each referral's journey from the database: score, links, network, taskings, outcome,
/// feedback; and the networks of more than one referral.
enum DemoReport {
    static let journeys = PostgresQuery("demo_journeys", """
        SELECT r.reference, p.sector, r.crime_type, r.status,
               coalesce(s.score, -1) AS score, coalesce(s.distinct_partners, 0) AS partners, coalesce(s.linked_referrals, 0) AS links,
               coalesce(s.network_id, 0) AS network,
               coalesce((SELECT string_agg(t.agency_code || ' ' || t.priority || ' ' || t.status, ', ' ORDER BY t.agency_code) FROM taskings t WHERE t.referral_id = r.id), '-') AS taskings,
               coalesce((SELECT string_agg(DISTINCT o.kind, ', ') FROM outcomes o JOIN taskings t ON t.id = o.tasking_id WHERE t.referral_id = r.id), '-') AS outcomes,
               (SELECT count(*) FROM feedback_items f WHERE f.referral_id = r.id)::int AS feedback
        FROM referrals r JOIN partners p ON p.id = r.partner_id LEFT JOIN referral_scores s ON s.referral_id = r.id
        ORDER BY r.reference
        """)

    /// Networks of more than one referral: members, partners, sectors, and what re-routing did.
    static let networks = PostgresQuery("demo_networks", """
        SELECT n.id, n.referral_count, n.partner_count, n.sector_count, n.indicator_count, n.score,
               (SELECT string_agg(r.reference, ', ' ORDER BY r.reference) FROM network_members m JOIN referrals r ON r.id = m.referral_id
                WHERE m.network_id = n.id) AS members,
               (SELECT count(*) FROM audit_log a WHERE a.action = 'referral.rerouted'
                AND a.subject_id IN (SELECT m.referral_id::text FROM network_members m WHERE m.network_id = n.id))::int AS rerouted
        FROM networks n WHERE n.merged_into IS NULL AND n.referral_count > 1 ORDER BY n.id
        """)

    static func printNetworks(_ pool: PostgresPool) async throws {
        for row in try await pool.query(networks) {
            emit("  network \(try row.decode(Int64.self, "id")): \(try row.decode(String.self, "members")) — "
                + "\(try row.decode(Int.self, "partner_count")) partners in \(try row.decode(Int.self, "sector_count")) sectors, "
                + "\(try row.decode(Int.self, "indicator_count")) shared indicator keys, score \(try row.decode(Int.self, "score")); "
                + "\(try row.decode(Int.self, "rerouted")) earlier referral(s) re-scored and routed again")
        }
    }

    static func printJourneys(_ pool: PostgresPool) async throws {
        for row in try await pool.query(journeys) {
            let reference = try row.decode(String.self, "reference")
            let sector = try row.decode(String.self, "sector")
            emit("  \(reference) [\(sector)] \(try row.decode(String.self, "crime_type")) — received → enriched (score \(try row.decode(Int.self, "score")), "
                + "\(try row.decode(Int.self, "partners")) partner(s), \(try row.decode(Int.self, "links")) linked, network \(try row.decode(Int64.self, "network")))"
                + " → tasked: \(try row.decode(String.self, "taskings"))"
                + " → outcome: \(try row.decode(String.self, "outcomes")) → feedback items: \(try row.decode(Int.self, "feedback"))")
        }
    }
}
