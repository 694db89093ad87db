import Domain
import Foundation
import Postgres

/// The rows a benefits report is computed from, read plainly, and the report worked out from
/// them in Swift: the test's independent account of what the SQL should say. A line is its
/// figures by CSV column name, as text (medians to three places, money to two).
struct Seeded {
    typealias Figures = [String: String]
    struct Referral { let id: UUID; let partner: String; let sector: String; let crimeType: String; let received: Double }
    struct Tasking { let id: UUID; let referral: UUID; let agency: String; let created: Double; let accepted: Double? }
    struct Outcome {
        let tasking: UUID
        let agency: String
        let kind: String
        let recorded: Double
        let recordedOn: String
        let code: Int?
        let severity: String?
        let disruptionKinds: [String]
        let money: [(figure: String, amount: Decimal, currency: String)]
    }
    /// A request to partners: the names and sectors it was addressed to, and who completed it.
    struct Request {
        let raised: Double
        let deadline: Double
        let status: String
        let completed: Double?
        let addressed: [(name: String, sector: String)]
        let completedBy: (name: String, sector: String)?
        let crimeType: String
        let agency: String
    }

    static let judicialKinds: Set<String> = ["charged", "out_of_court_disposal"]
    // The names a line counts under (the figures themselves are the test's own sums).
    static let severities = DisruptionSeverity.allCases.map(\.rawValue) + ["unassessed"]
    static let disruptionKinds = DisruptionKind.allCases.map(\.rawValue)
    static let judicialCodes = [1, 2, 3, 4, 6, 7, 8, 22]

    let referrals: [Referral]
    let taskings: [Tasking]
    let outcomes: [Outcome]
    let agencies: [String]
    /// GBP per unit by currency: (date, rate), any order.
    let rates: [String: [(String, Decimal)]]
    let requests: [Request]

    static func load(_ harness: PipelineHarness) async throws -> Seeded {
        let epoch = { (row: PostgresRow, column: String) in try row.decode(Double.self, column) }
        let referrals = try await harness.pool.query(.init("test_seeded_referrals", """
            SELECT r.id, p.name, p.sector, r.crime_type, extract(epoch FROM r.received_at)::float8 AS received
            FROM referrals r JOIN partners p ON p.id = r.partner_id
            """)).map { row in
            Referral(id: try row.decode(UUID.self, "id"), partner: try row.decode(String.self, "name"), sector: try row.decode(String.self, "sector"),
                     crimeType: try row.decode(String.self, "crime_type"), received: try epoch(row, "received"))
        }
        let taskings = try await harness.pool.query(.init("test_seeded_taskings", """
            SELECT id, referral_id, agency_code, extract(epoch FROM created_at)::float8 AS created,
                   extract(epoch FROM accepted_at)::float8 AS accepted FROM taskings
            """)).map { row in
            Tasking(id: try row.decode(UUID.self, "id"), referral: try row.decode(UUID.self, "referral_id"),
                    agency: try row.decode(String.self, "agency_code"), created: try epoch(row, "created"),
                    accepted: try row.decode(Double?.self, "accepted"))
        }
        let outcomes = try await harness.pool.query(.init("test_seeded_outcomes", """
            SELECT tasking_id, agency_code, kind, extract(epoch FROM recorded_at)::float8 AS recorded,
                   to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS recorded_on, home_office_code::int AS code,
                   disruption_severity, (SELECT array_agg(d->>'kind') FROM jsonb_array_elements(disruptions) d) AS kinds,
                   money_protected::text AS protected, money_protected_currency, money_restrained::text AS restrained,
                   money_restrained_currency, money_repatriated::text AS repatriated, money_repatriated_currency
            FROM outcomes
            """)).map { row in
            var money: [(String, Decimal, String)] = []
            for (figure, column) in [("money_protected_gbp", "protected"), ("money_restrained_gbp", "restrained"), ("money_repatriated_gbp", "repatriated")] {
                if let amount = try row.decode(String?.self, column), let currency = try row.decode(String?.self, "money_\(column)_currency") {
                    money.append((figure, Decimal(string: amount)!, currency))
                }
            }
            return Outcome(
                tasking: try row.decode(UUID.self, "tasking_id"), agency: try row.decode(String.self, "agency_code"),
                kind: try row.decode(String.self, "kind"), recorded: try epoch(row, "recorded"),
                recordedOn: try row.decode(String.self, "recorded_on"), code: try row.decode(Int?.self, "code"),
                severity: try row.decode(String?.self, "disruption_severity"), disruptionKinds: try row.decode([String]?.self, "kinds") ?? [],
                money: money.map { (figure: $0.0, amount: $0.1, currency: $0.2) })
        }
        let agencies = try await harness.pool.query(.init("test_seeded_agencies", "SELECT code FROM agencies")).map { try $0.decode(String.self, "code") }
        var rates: [String: [(String, Decimal)]] = [:]
        for row in try await harness.pool.query(.init("test_seeded_rates",
            "SELECT currency, rate_date::text AS day, gbp_per_unit::text AS rate FROM currency_rates")) {
            rates[try row.decode(String.self, "currency"), default: []].append((try row.decode(String.self, "day"), Decimal(string: try row.decode(String.self, "rate"))!))
        }
        var addressed: [Int64: [(name: String, sector: String)]] = [:]
        for row in try await harness.pool.query(.init("test_seeded_recipients", """
            SELECT x.request_id, p.name, p.sector FROM partner_request_recipients x JOIN partners p ON p.id = x.partner_id
            """)) {
            addressed[try row.decode(Int64.self, "request_id"), default: []].append((try row.decode(String.self, "name"), try row.decode(String.self, "sector")))
        }
        let requests = try await harness.pool.query(.init("test_seeded_requests", """
            SELECT r.id, extract(epoch FROM r.raised_at)::float8 AS raised, extract(epoch FROM r.deadline)::float8 AS deadline, r.status,
                   extract(epoch FROM r.completed_at)::float8 AS completed, p.name AS actor, p.sector AS actor_sector, f.crime_type, r.agency_code
            FROM partner_requests r JOIN taskings t ON t.id = r.tasking_id JOIN referrals f ON f.id = t.referral_id
            LEFT JOIN partners p ON p.id = r.acted_by
            """)).map { row in
            let status = try row.decode(String.self, "status")
            let actor = try row.decode(String?.self, "actor")
            return Request(
                raised: try epoch(row, "raised"), deadline: try epoch(row, "deadline"), status: status,
                completed: try row.decode(Double?.self, "completed"), addressed: addressed[try row.decode(Int64.self, "id")] ?? [],
                completedBy: status == "completed" ? try actor.map { ($0, try row.decode(String.self, "actor_sector")) } : nil,
                crimeType: try row.decode(String.self, "crime_type"), agency: try row.decode(String.self, "agency_code"))
        }
        return Seeded(referrals: referrals, taskings: taskings, outcomes: outcomes, agencies: agencies, rates: rates, requests: requests)
    }

    /// Lines by dimension (`total`, `partner`, `sector`, `crime_type`, `agency`) and key.
    func report(_ period: (Date, Date)?) -> [String: [String: Figures]] {
        let inPeriod = referrals.filter { referral in
            period.map { referral.received >= $0.0.timeIntervalSince1970 && referral.received < $0.1.timeIntervalSince1970 } ?? true
        }
        let byID = Dictionary(uniqueKeysWithValues: inPeriod.map { ($0.id, $0) })
        let taskingByID = Dictionary(uniqueKeysWithValues: taskings.map { ($0.id, $0) })
        var firstOutcome: [UUID: Double] = [:]
        var firstJudicial: [UUID: Double] = [:]
        for outcome in outcomes where outcome.kind != "under_investigation" {
            firstOutcome[outcome.tasking] = min(firstOutcome[outcome.tasking] ?? .infinity, outcome.recorded)
            if Self.judicialKinds.contains(outcome.kind) {
                firstJudicial[outcome.tasking] = min(firstJudicial[outcome.tasking] ?? .infinity, outcome.recorded)
            }
        }
        var result: [String: [String: Figures]] = [:]
        let keys: [(String, (Referral) -> String)] = [("total", { _ in "all" }), ("partner", \.partner), ("sector", \.sector), ("crime_type", \.crimeType)]
        for (dimension, key) in keys {
            for (name, group) in Dictionary(grouping: inPeriod, by: key) {
                let stages = group.map { referral -> [Double?] in
                    let own = taskings.filter { $0.referral == referral.id }
                    return [own.map(\.created).min(), own.compactMap(\.accepted).min(), own.compactMap { firstOutcome[$0.id] }.min(),
                            own.compactMap { firstJudicial[$0.id] }.min()].map { $0.map { $0 - referral.received } }
                }
                let facts = outcomes.filter { taskingByID[$0.tasking].flatMap { byID[$0.referral] }.map(key) == name }
                result[dimension, default: [:]][name] = funnel(stages, received: group.count).merging(figures(facts)) { a, _ in a }
            }
        }
        for agency in agencies {
            let own = taskings.filter { $0.agency == agency && byID[$0.referral] != nil }
            let stages = own.map { tasking -> [Double?] in
                [tasking.created, tasking.accepted, firstOutcome[tasking.id], firstJudicial[tasking.id]].map { $0.map { $0 - byID[tasking.referral]!.received } }
            }
            let facts = outcomes.filter { $0.agency == agency && taskingByID[$0.tasking].flatMap { byID[$0.referral] } != nil }
            result["agency", default: [:]][agency] = funnel(stages, received: own.count).merging(figures(facts)) { a, _ in a }
        }
        return withRequests(result, period: period)
    }

    /// Adds the request figures to every line: requests raised in the period (not the referral
    /// cohort), counted under each partner and sector addressed (completed under the one that
    /// completed it), the referral's crime type and the raising agency. A key with requests and no
    /// line gets one with the funnel at zero.
    private func withRequests(_ lines: [String: [String: Figures]], period: (Date, Date)?) -> [String: [String: Figures]] {
        let now = Date().timeIntervalSince1970
        let raised = requests.filter { request in
            period.map { request.raised >= $0.0.timeIntervalSince1970 && request.raised < $0.1.timeIntervalSince1970 } ?? true
        }
        let keys: [(String, (Request) -> [String], (Request) -> String?)] = [
            ("total", { _ in ["all"] }, { _ in "all" }),
            ("partner", { $0.addressed.map(\.name) }, { $0.completedBy?.name }),
            ("sector", { Array(Set($0.addressed.map(\.sector))) }, { $0.completedBy?.sector }),
            ("crime_type", { [$0.crimeType] }, { $0.crimeType }),
            ("agency", { [$0.agency] }, { $0.agency }),
        ]
        var result = lines
        for (dimension, raisedUnder, completedUnder) in keys {
            var figures: [String: (raised: Int, overdue: Int, times: [Double])] = [:]
            for request in raised {
                for key in raisedUnder(request) {
                    figures[key, default: (0, 0, [])].raised += 1
                    if ["raised", "acknowledged"].contains(request.status) && request.deadline < now { figures[key]!.overdue += 1 }
                }
                if request.status == "completed", let key = completedUnder(request), let completed = request.completed {
                    figures[key, default: (0, 0, [])].times.append(completed - request.raised)
                }
            }
            for key in Set(figures.keys).union(result[dimension].map { Array($0.keys) } ?? []) {
                let counted = figures[key] ?? (0, 0, [])
                var line = result[dimension]?[key] ?? funnel([], received: 0).merging(self.figures([])) { a, _ in a }
                line["requests_raised"] = String(counted.raised)
                line["requests_completed"] = String(counted.times.count)
                line["requests_overdue"] = String(counted.overdue)
                line["median_seconds_to_complete"] = Self.median(counted.times).map { String(format: "%.3f", $0) } ?? ""
                result[dimension, default: [:]][key] = line
            }
        }
        return result
    }

    private func funnel(_ stages: [[Double?]], received: Int) -> Figures {
        var line: Figures = ["received": String(received)]
        for (index, (count, median)) in [("tasked", "tasking"), ("accepted", "acceptance"), ("with_outcome", "outcome"), ("judicial", "judicial")].enumerated() {
            let values = stages.compactMap { $0[index] }
            line[count] = String(values.count)
            line["median_seconds_to_\(median)"] = Self.median(values).map { String(format: "%.3f", $0) } ?? ""
        }
        return line
    }

    private func figures(_ facts: [Outcome]) -> Figures {
        var money: [String: Decimal] = ["money_protected_gbp": 0, "money_restrained_gbp": 0, "money_repatriated_gbp": 0]
        var counts: [String: Int] = ["money_unconverted": 0, "disruptions": 0]
        for name in Self.severities + Self.disruptionKinds { counts["disruptions_\(name)"] = 0 }
        for code in Self.judicialCodes { counts["judicial_ho_\(code)"] = 0 }
        for outcome in facts {
            for amount in outcome.money {
                let rate = amount.currency == "GBP" ? Decimal(1)
                    : rates[amount.currency]?.filter { $0.0 <= outcome.recordedOn }.max { $0.0 < $1.0 }?.1
                if let rate { money[amount.figure]! += amount.amount * rate } else { counts["money_unconverted"]! += 1 }
            }
            if outcome.kind == "disrupted" || !outcome.disruptionKinds.isEmpty {
                counts["disruptions"]! += 1
                counts["disruptions_\(outcome.severity ?? "unassessed")"]! += 1
            }
            for kind in outcome.disruptionKinds { counts["disruptions_\(kind)"]! += 1 }
            if Self.judicialKinds.contains(outcome.kind), let code = outcome.code { counts["judicial_ho_\(code)"]! += 1 }
        }
        var line = counts.mapValues(String.init)
        for (name, value) in money { line[name] = Self.twoPlaces(value) }
        return line
    }

    static func twoPlaces(_ value: Decimal) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 2, .plain)
        let parts = "\(rounded)".split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return "\(parts[0]).\(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))"
    }

    /// The median as percentile_cont(0.5) computes it: the mean of the middle two of an even count.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
