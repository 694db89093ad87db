import Foundation

/// The disruption-request figures of the benefits report: requests raised, completed and
/// overdue, and the median time from raising to completion, in total and per sector.
///
/// A request counts as raised and overdue in every sector it was addressed to, and as completed
/// (with its time) in the sector of the partner that completed it; the total counts each request
/// once. Overdue means open past its deadline when the report is made. `lines(_:by:now:)` gives
/// the same figures per partner, sector, crime type or agency, for the report's lines.
public struct RequestFigures: Sendable, Hashable, Encodable {
    public struct Line: Sendable, Hashable, Encodable {
        public let key: String
        public let raised: Int
        public let completed: Int
        public let overdue: Int
        public let medianSecondsToComplete: Double?

        public init(key: String, raised: Int, completed: Int, overdue: Int, medianSecondsToComplete: Double?) {
            self.key = key
            self.raised = raised
            self.completed = completed
            self.overdue = overdue
            self.medianSecondsToComplete = medianSecondsToComplete
        }

        private enum CodingKeys: String, CodingKey {
            case key, raised, completed, overdue
            case medianSecondsToComplete = "median_seconds_to_complete"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(raised, forKey: .raised)
            try container.encode(completed, forKey: .completed)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(medianSecondsToComplete, forKey: .medianSecondsToComplete)
        }
    }

    public let total: Line
    /// Every sector, in sector order, zero lines included.
    public let bySector: [Line]

    private enum CodingKeys: String, CodingKey {
        case total
        case bySector = "by_sector"
    }

    /// The benefits report's dimensions a request counts in (`RequestFact.raisedKeys`).
    public enum Dimension: String, Sendable, CaseIterable {
        case partner, sector
        case crimeType = "crime_type"
        case agency
    }

    public init(_ facts: [RequestFact], now: Date) {
        total = Self.line("all", raised: facts, completed: facts.filter { $0.status == .completed }, now: now)
        bySector = Sector.allCases.sorted().map { sector in Self.line(sector.rawValue, of: .sector, facts: facts, now: now) }
    }

    /// One line per key of `dimension` that any request counts under, in key order.
    public static func lines(_ facts: [RequestFact], by dimension: Dimension, now: Date) -> [Line] {
        let keys = facts.reduce(into: Set<String>()) { keys, fact in
            keys.formUnion(fact.raisedKeys(dimension))
            if let key = fact.completedKey(dimension) { keys.insert(key) }
        }
        return keys.sorted().map { line($0, of: dimension, facts: facts, now: now) }
    }

    private static func line(_ key: String, of dimension: Dimension, facts: [RequestFact], now: Date) -> Line {
        line(key, raised: facts.filter { $0.raisedKeys(dimension).contains(key) }, completed: facts.filter { $0.completedKey(dimension) == key },
             now: now)
    }

    private static func line(_ key: String, raised: [RequestFact], completed: [RequestFact], now: Date) -> Line {
        Line(key: key, raised: raised.count, completed: completed.count, overdue: raised.filter { $0.isOverdue(at: now) }.count,
             medianSecondsToComplete: median(completed.compactMap(\.secondsToComplete)))
    }

    /// The middle value, or the mean of the two middle ones (as PostgreSQL's `percentile_cont(0.5)`).
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
