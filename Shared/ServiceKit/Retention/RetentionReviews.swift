import Domain
import Foundation
import Postgres

/// Referrals a rule escalated to a person, and the person's decision to keep one longer.
public struct RetentionReviews: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// One referral awaiting review: tab-separated id, reference, class, rule, review date,
    /// when review was requested, and `held` when a hold covers it.
    public func list(limit: Int) async throws -> [String] {
        try await pool.query(RetentionReferralQueries.reviews.binding(limit)).map { row in
            [try row.decode(UUID.self, "id").uuidString.lowercased(), try row.decode(String.self, "reference"),
             try row.decode(String.self, "retention_class"), try row.decode(String?.self, "retention_rule") ?? "-",
             try row.decode(Date?.self, "review_at").map(Timestamp.format) ?? "-",
             Timestamp.format(try row.decode(Date.self, "review_requested_at"))].joined(separator: "\t")
                + (try row.decode(Bool.self, "held") ? "\theld" : "")
        }
    }

    /// Keeps a live referral for `period` from now (its next review date), audited with the
    /// reason; nil when there is no live referral with this id.
    public func keep(_ id: UUID, for period: RetentionPeriod, reason: String, actor: String) async throws -> Date? {
        try await pool.transaction { connection in
            guard let row = try await connection.query(RetentionReferralQueries.keep.binding(id, period.intervalText)).single else { return nil }
            let reviewAt = try row.decode(Date.self, "review_at")
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "retention.kept", subjectType: "referral", subjectID: id.uuidString.lowercased(),
                detail: ["period": period.intervalText, "review_at": Timestamp.format(reviewAt), "reason": reason]), on: connection)
            return reviewAt
        }
    }
}
