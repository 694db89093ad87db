import Domain
import Foundation
import Postgres

/// The Pursue benefits report over the referrals received in a period: how many were tasked and
/// have an outcome beyond "under investigation", and median time from receipt to tasking and to
/// that outcome, in total and per partner, sector, crime type and agency (or one of them).
/// For an agency, "received" counts the referrals of the period tasked to it.
struct BenefitsReport: Encodable, Sendable {
    /// One line of the report.
    struct Line: Encodable, Sendable, Equatable {
        let key: String
        let received: Int
        let tasked: Int
        let withOutcome: Int
        let medianSecondsToTasking: Double?
        let medianSecondsToOutcome: Double?

        init(row: PostgresRow) throws {
            key = try row.decode(String.self, "key")
            received = try row.decode(Int.self, "received")
            tasked = try row.decode(Int.self, "tasked")
            withOutcome = try row.decode(Int.self, "with_outcome")
            medianSecondsToTasking = try row.decode(Double?.self, "to_tasking")
            medianSecondsToOutcome = try row.decode(Double?.self, "to_outcome")
        }

        private enum CodingKeys: String, CodingKey {
            case key, received, tasked
            case withOutcome = "with_outcome"
            case medianSecondsToTasking = "median_seconds_to_tasking"
            case medianSecondsToOutcome = "median_seconds_to_outcome"
        }
    }

    let generatedAt: Date
    let from: Date?
    let to: Date?
    let total: Line?
    /// The sections asked for, by dimension (`partner`, `sector`, `crime_type`, `agency`), in that order.
    let sections: [(dimension: String, lines: [Line])]
    /// Disruption requests raised in the period (JSON only).
    var requests: RequestFigures?

    /// Sorts the rows of `BenefitsQueries` into the report's sections by their `dimension`.
    init(rows: [PostgresRow], query: BenefitsQuery, generatedAt: Date) throws {
        var lines: [String: [Line]] = [:]
        for row in rows {
            lines[try row.decode(String.self, "dimension"), default: []].append(try Line(row: row))
        }
        self.generatedAt = generatedAt
        from = query.from
        to = query.to
        total = lines["total"]?.first
        sections = BenefitsQuery.dimensions.filter { query.by == nil || query.by == $0 }.map { ($0, lines[$0] ?? []) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(Timestamp.format(generatedAt), forKey: DynamicKey("generated_at"))
        try container.encode(from.map(Timestamp.format), forKey: DynamicKey("from"))
        try container.encode(to.map(Timestamp.format), forKey: DynamicKey("to"))
        try container.encode(total, forKey: DynamicKey("total"))
        for section in sections {
            try container.encode(section.lines, forKey: DynamicKey("by_\(section.dimension)"))
        }
        try container.encodeIfPresent(requests, forKey: DynamicKey("requests"))
    }

    /// Keys named at run time (`by_partner` …).
    private struct DynamicKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
