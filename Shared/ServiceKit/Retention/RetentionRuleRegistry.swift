import Domain
import Foundation
import Postgres

/// Retention rules as data, changed only here and always audited (`occ retention …`).
public struct RetentionRuleRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Every rule, active ones first.
    public func list() async throws -> [RetentionRule] {
        try await pool.query(RetentionRuleQueries.list).map(RetentionRule.init)
    }

    public func rule(_ id: String) async throws -> RetentionRule? {
        try await pool.query(RetentionRuleQueries.one.binding(id)).single.map(RetentionRule.init)
    }

    /// The record classes: code, description and the actions each allows.
    public func classes() async throws -> [(code: String, description: String, actions: [String])] {
        try await pool.query(RetentionRuleQueries.classes).map {
            (try $0.decode(String.self, "code"), try $0.decode(String.self, "description"), try $0.decode([String].self, "actions"))
        }
    }

    /// Stores the rule and re-dates the live referrals of its class, audited; nil when its id
    /// is taken or an active rule already covers the class and crime type.
    public func add(_ draft: RetentionRuleDraft, actor: String) async throws -> RetentionRule? {
        try await pool.transaction { connection in
            let inserted = try await connection.query(RetentionRuleQueries.add.binding(
                draft.id, draft.recordClass, draft.crimeType, draft.period.intervalText, draft.action.rawValue, draft.legalBasis,
                draft.source))
            guard inserted.single != nil else { return nil }
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "retention_rule.added", subjectType: "retention_rule", subjectID: draft.id,
                detail: ["class": draft.recordClass, "crime_type": draft.crimeType ?? "any", "period": draft.period.intervalText,
                         "action": draft.action.rawValue]), on: connection)
            return try await connection.query(RetentionRuleQueries.one.binding(draft.id)).single.map(RetentionRule.init)
        }
    }

    /// Retires the rule now and re-dates its referrals by the rules still active, audited; nil
    /// when no active rule has this id.
    public func retire(_ id: String, actor: String) async throws -> RetentionRule? {
        try await pool.transaction { connection in
            guard try await connection.query(RetentionRuleQueries.retire.binding(id)).single != nil else { return nil }
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "retention_rule.retired", subjectType: "retention_rule", subjectID: id), on: connection)
            return try await connection.query(RetentionRuleQueries.one.binding(id)).single.map(RetentionRule.init)
        }
    }
}
