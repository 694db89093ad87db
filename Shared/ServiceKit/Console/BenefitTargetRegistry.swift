import Domain
import Postgres

/// Benefit targets per period (`benefit_targets`): what the console's benefits page measures the
/// period's figures against. Set by the operator (`occ targets set`), audited.
public struct BenefitTargetRegistry: Sendable {
    public static let measures = ["received", "tasked", "accepted", "with_outcome", "judicial"] + BenefitsLine.moneyFigures + ["disruptions"]

    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// One target as listed.
    public struct Target: Sendable, Hashable {
        public let from: String
        public let to: String
        public let measure: String
        public let target: String
    }

    /// Why a target is refused.
    public enum Invalid: Error, Equatable, CustomStringConvertible {
        case unknownMeasure(String)
        case badPeriod
        case badTarget(String)

        public var description: String {
            switch self {
            case .unknownMeasure(let name): "unknown measure \(name.debugDescription): one of \(BenefitTargetRegistry.measures.joined(separator: ", "))"
            case .badPeriod: "the period must be two dates YYYY-MM-DD, --to later than --from"
            case .badTarget(let text): "the target \(text.debugDescription) must be a number of at least 0 with at most two decimals"
            }
        }
    }

    /// The targets set for exactly `period`, by measure (decimal text).
    public func targets(for period: ConsolePeriod) async throws -> [String: String] {
        try await pool.query(BenefitTargetQueries.forPeriod.binding(period.fromText, period.toText))
            .reduce(into: [String: String]()) { $0[try $1.decode(String.self, "measure")] = try $1.decode(String.self, "target") }
    }

    public func list() async throws -> [Target] {
        try await pool.query(BenefitTargetQueries.list).map { row in
            Target(from: try row.decode(String.self, "period_from"), to: try row.decode(String.self, "period_to"),
                   measure: try row.decode(String.self, "measure"), target: try row.decode(String.self, "target"))
        }
    }

    /// Sets (or replaces) `measure`'s target for the period `from`…`to` (dates, `to` exclusive).
    public func set(from: String, to: String, measure: String, target: String, actor: String = "operator") async throws {
        guard Self.measures.contains(measure) else { throw Invalid.unknownMeasure(measure) }
        guard case .success(let period) = ConsolePeriod.parse(from: from, to: to, today: .distantPast), !from.isEmpty, !to.isEmpty else {
            throw Invalid.badPeriod
        }
        guard target.wholeMatch(of: /\d{1,20}(\.\d{1,2})?/) != nil else { throw Invalid.badTarget(target) }
        try await pool.transaction { connection in
            _ = try await connection.query(BenefitTargetQueries.set.binding(period.fromText, period.toText, measure, target))
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "benefit_target.set", subjectType: "benefit_target", subjectID: "\(period.fromText)/\(period.toText)/\(measure)",
                detail: ["target": target]), on: connection)
        }
    }
}
