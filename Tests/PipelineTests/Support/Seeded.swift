import Foundation
import Postgres

/// The rows a benefits report is computed from, read plainly, and the report worked out from
/// them in Swift: the test's independent account of what the SQL should say.
struct Seeded {
    struct Referral { let id: UUID; let partner: String; let sector: String; let crimeType: String; let received: Double }
    struct Tasking { let id: UUID; let referral: UUID; let agency: String; let created: Double }
    struct Outcome { let tasking: UUID; let kind: String; let recorded: Double }

    let referrals: [Referral]
    let taskings: [Tasking]
    let outcomes: [Outcome]
    let agencies: [String]

    static func load(_ harness: PipelineHarness) async throws -> Seeded {
        let epoch = { (row: PostgresRow, column: String) in try row.decode(Double.self, column) }
        let referrals = try await harness.pool.query(.init("test_seeded_referrals", """
            SELECT r.id, p.name, p.sector, r.crime_type, extract(epoch FROM r.received_at)::float8 AS received
            FROM referrals r JOIN partners p ON p.id = r.partner_id
            """)).map { row in
            Referral(id: try row.decode(UUID.self, "id"), partner: try row.decode(String.self, "name"), sector: try row.decode(String.self, "sector"),
                     crimeType: try row.decode(String.self, "crime_type"), received: try epoch(row, "received"))
        }
        let taskings = try await harness.pool.query(.init("test_seeded_taskings",
            "SELECT id, referral_id, agency_code, extract(epoch FROM created_at)::float8 AS created FROM taskings")).map { row in
            Tasking(id: try row.decode(UUID.self, "id"), referral: try row.decode(UUID.self, "referral_id"),
                    agency: try row.decode(String.self, "agency_code"), created: try epoch(row, "created"))
        }
        let outcomes = try await harness.pool.query(.init("test_seeded_outcomes",
            "SELECT tasking_id, kind, extract(epoch FROM recorded_at)::float8 AS recorded FROM outcomes")).map { row in
            Outcome(tasking: try row.decode(UUID.self, "tasking_id"), kind: try row.decode(String.self, "kind"), recorded: try epoch(row, "recorded"))
        }
        let agencies = try await harness.pool.query(.init("test_seeded_agencies", "SELECT code FROM agencies")).map { try $0.decode(String.self, "code") }
        return Seeded(referrals: referrals, taskings: taskings, outcomes: outcomes, agencies: agencies)
    }

    /// Lines by dimension (`total`, `partner`, `sector`, `crime_type`, `agency`) and key.
    func report(_ period: (Date, Date)?) -> [String: [String: PursueTests.BenefitsPeriodTests.Figures]] {
        let inPeriod = referrals.filter { referral in
            period.map { referral.received >= $0.0.timeIntervalSince1970 && referral.received < $0.1.timeIntervalSince1970 } ?? true
        }
        let ids = Set(inPeriod.map(\.id))
        /// The first outcome that says more than "under investigation", per tasking.
        var firstOutcome: [UUID: Double] = [:]
        for outcome in outcomes where outcome.kind != "under_investigation" {
            firstOutcome[outcome.tasking] = min(firstOutcome[outcome.tasking] ?? .infinity, outcome.recorded)
        }
        var result: [String: [String: PursueTests.BenefitsPeriodTests.Figures]] = [:]
        let keys: [(String, (Referral) -> String)] = [("total", { _ in "all" }), ("partner", \.partner), ("sector", \.sector), ("crime_type", \.crimeType)]
        for (dimension, key) in keys {
            for (name, group) in Dictionary(grouping: inPeriod, by: key) {
                let toTasking = group.compactMap { referral in taskings.filter { $0.referral == referral.id }.map(\.created).min().map { $0 - referral.received } }
                let toOutcome = group.compactMap { referral in
                    taskings.filter { $0.referral == referral.id }.compactMap { firstOutcome[$0.id] }.min().map { $0 - referral.received }
                }
                result[dimension, default: [:]][name] = .init(
                    received: group.count, tasked: toTasking.count, withOutcome: toOutcome.count,
                    toTasking: Self.median(toTasking), toOutcome: Self.median(toOutcome))
            }
        }
        let received = Dictionary(uniqueKeysWithValues: inPeriod.map { ($0.id, $0.received) })
        for agency in agencies {
            let own = taskings.filter { $0.agency == agency && ids.contains($0.referral) }
            let toTasking = own.map { $0.created - received[$0.referral]! }
            let toOutcome = own.compactMap { tasking in firstOutcome[tasking.id].map { $0 - received[tasking.referral]! } }
            result["agency", default: [:]][agency] = .init(
                received: own.count, tasked: own.count, withOutcome: toOutcome.count,
                toTasking: Self.median(toTasking), toOutcome: Self.median(toOutcome))
        }
        return result
    }

    /// The median as percentile_cont(0.5) computes it: the mean of the middle two of an even count.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
