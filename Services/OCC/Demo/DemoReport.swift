import Postgres

/// Prints each referral's journey from the database: score, links, taskings, outcome, feedback.
enum DemoReport {
    static let journeys = PostgresQuery("demo_journeys", """
        SELECT r.reference, p.sector, r.crime_type, r.status,
               coalesce(s.score, -1) AS score, coalesce(s.distinct_partners, 0) AS partners, coalesce(s.linked_referrals, 0) AS links,
               coalesce((SELECT string_agg(t.agency_code || ' ' || t.priority || ' ' || t.status, ', ' ORDER BY t.agency_code) FROM taskings t WHERE t.referral_id = r.id), '-') AS taskings,
               coalesce((SELECT string_agg(DISTINCT o.kind, ', ') FROM outcomes o JOIN taskings t ON t.id = o.tasking_id WHERE t.referral_id = r.id), '-') AS outcomes,
               (SELECT count(*) FROM feedback_items f WHERE f.referral_id = r.id)::int AS feedback
        FROM referrals r JOIN partners p ON p.id = r.partner_id LEFT JOIN referral_scores s ON s.referral_id = r.id
        ORDER BY r.reference
        """)

    static func printJourneys(_ pool: PostgresPool) async throws {
        for row in try await pool.query(journeys) {
            let reference = try row.decode(String.self, "reference")
            let sector = try row.decode(String.self, "sector")
            emit("  \(reference) [\(sector)] \(try row.decode(String.self, "crime_type")) — received → enriched (score \(try row.decode(Int.self, "score")), "
                + "\(try row.decode(Int.self, "partners")) partner(s), \(try row.decode(Int.self, "links")) linked) → tasked: \(try row.decode(String.self, "taskings"))"
                + " → outcome: \(try row.decode(String.self, "outcomes")) → feedback items: \(try row.decode(Int.self, "feedback"))")
        }
    }
}
