import Domain
import Foundation
import Postgres

/// The Pursue benefits report over the referrals received in a period (`BenefitsLine` says what
/// each line holds), in total and per partner, sector, crime type and agency (or one of them).
/// For an agency, "received" counts the referrals of the period tasked to it. One source: the
/// feedback API (`GET /v1/reports/benefits`) and `occ report benefits` both call `load`.
public struct BenefitsReport: Encodable, Sendable {
    public let generatedAt: Date
    public let from: Date?
    public let to: Date?
    public let total: BenefitsLine?
    /// The sections asked for, by dimension (`partner`, `sector`, `crime_type`, `agency`), in that order.
    public let sections: [(dimension: String, lines: [BenefitsLine])]
    /// Disruption requests raised in the period (`RequestFigures`), in total and by sector, whatever
    /// `by` is; each line carries the same figures for its own key.
    public let requests: RequestFigures

    /// Reads the report in one repeatable-read transaction, so every figure is of one snapshot.
    public static func load(_ query: BenefitsQuery, pool: PostgresPool, generatedAt: Date) async throws -> BenefitsReport {
        let judicial = OutcomeKind.allCases.filter(\.isJudicial).map(\.rawValue)
        let (funnel, figures, facts) = try await pool.transaction(isolation: .repeatableRead) { connection in
            var funnel = Array(try await connection.query(BenefitsQueries.byReferral.binding(query.from, query.to, judicial)))
            if query.by == nil || query.by == "agency" {
                funnel += Array(try await connection.query(BenefitsQueries.byAgency.binding(query.from, query.to, judicial)))
            }
            return (funnel, Array(try await connection.query(BenefitsQueries.outcomeFigures.binding(query.from, query.to, judicial))),
                    try await connection.query(RequestFigureQueries.facts.binding(query.from, query.to)).map(RequestFact.init(row:)))
        }
        var lines: [String: [BenefitsLine]] = [:]
        var positions: [String: (String, Int)] = [:]
        for row in funnel {
            let dimension = try row.decode(String.self, "dimension")
            let line = try BenefitsLine(row: row)
            positions["\(dimension)\u{0}\(line.key)"] = (dimension, lines[dimension, default: []].count)
            lines[dimension, default: []].append(line)
        }
        for row in figures {
            let id = "\(try row.decode(String.self, "dimension"))\u{0}\(try row.decode(String.self, "key"))"
            guard let (dimension, index) = positions[id] else { continue }
            lines[dimension]?[index].apply(metric: try row.decode(String.self, "metric"), value: try row.decode(String.self, "value"))
        }
        let requests = RequestFigures(facts, now: generatedAt)
        lines["total"]?[0].apply(requests: requests.total)
        for dimension in RequestFigures.Dimension.allCases {
            for line in RequestFigures.lines(facts, by: dimension, now: generatedAt) {
                if let (_, index) = positions["\(dimension.rawValue)\u{0}\(line.key)"] {
                    lines[dimension.rawValue]?[index].apply(requests: line)
                } else {
                    lines[dimension.rawValue, default: []].append(BenefitsLine(requests: line))
                }
            }
        }
        return BenefitsReport(
            generatedAt: generatedAt, from: query.from, to: query.to, total: lines["total"]?.first,
            sections: BenefitsQuery.dimensions.filter { query.by == nil || query.by == $0 }.map { ($0, lines[$0] ?? []) },
            requests: requests)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: BenefitsKey.self)
        try container.encode(Timestamp.format(generatedAt), forKey: "generated_at")
        try container.encode(from.map(Timestamp.format), forKey: "from")
        try container.encode(to.map(Timestamp.format), forKey: "to")
        try container.encode(total, forKey: "total")
        for section in sections {
            try container.encode(section.lines, forKey: BenefitsKey("by_\(section.dimension)"))
        }
        try container.encode(requests, forKey: "requests")
    }
}
