import Domain
import Postgres

/// The console's rules held as data: each measure's RAG thresholds (`occ rag list|set`) and the
/// oversight floor (`occ rag floor`). Changes are audited.
public struct RAGThresholdRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Every rule, by measure.
    public func rules() async throws -> [String: RAGRule] {
        try await Self.rules(on: pool.query(RAGThresholdQueries.list))
    }

    /// Replaces `rule.measure`'s thresholds.
    public func set(_ rule: RAGRule, actor: String = "operator") async throws {
        try await pool.transaction { connection in
            guard try await connection.query(RAGThresholdQueries.set.binding(rule.measure, rule.better.rawValue, rule.green, rule.amber)).single != nil
            else { throw RAGRule.Invalid.unknownMeasure(rule.measure) }
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "rag_threshold.set", subjectType: "rag_threshold", subjectID: rule.measure,
                detail: ["better": rule.better.rawValue, "green": String(rule.green), "amber": String(rule.amber)]), on: connection)
        }
    }

    /// The oversight floor (default 5).
    public func floor() async throws -> SuppressionFloor {
        SuppressionFloor(try await pool.query(RAGThresholdQueries.floor).single?.decode(Int.self, "value") ?? SuppressionFloor.standard.value)
    }

    /// Sets the oversight floor (1 to 1000).
    public func setFloor(_ value: Int, actor: String = "operator") async throws {
        try await pool.transaction { connection in
            _ = try await connection.query(RAGThresholdQueries.setFloor.binding(value))
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "console_floor.set", subjectType: "console_setting", subjectID: "oversight_floor",
                detail: ["value": String(value)]), on: connection)
        }
    }

    static func rules(on rows: PostgresRows) throws -> [String: RAGRule] {
        var rules: [String: RAGRule] = [:]
        for row in rows {
            let better = RAGRule.Better(rawValue: try row.decode(String.self, "better")) ?? .lower
            let rule = try RAGRule(measure: try row.decode(String.self, "measure"), better: better,
                                   green: try row.decode(Double.self, "green"), amber: try row.decode(Double.self, "amber"))
            rules[rule.measure] = rule
        }
        return rules
    }
}
