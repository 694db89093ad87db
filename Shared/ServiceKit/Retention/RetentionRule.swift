import Domain
import Foundation
import Postgres

/// One stored retention rule (`retention_rules`).
public struct RetentionRule: Sendable, Hashable {
    public let id: String
    public let recordClass: String
    public let crimeType: String?
    /// PostgreSQL's text of the interval, e.g. `6 years`.
    public let reviewPeriod: String
    public let action: DisposalAction
    public let legalBasis: String
    public let source: String
    public let createdAt: Date
    public let retiredAt: Date?
    /// Live referrals this rule currently dates.
    public let referrals: Int

    init(_ row: PostgresRow) throws {
        id = try row.decode(String.self, "id")
        recordClass = try row.decode(String.self, "record_class")
        crimeType = try row.decode(String?.self, "crime_type")
        reviewPeriod = try row.decode(String.self, "review_period")
        let action = try row.decode(String.self, "action")
        guard let parsed = DisposalAction(rawValue: action) else {
            throw PostgresDecodingFailure.invalid(expected: "a disposal action, not \(action)")
        }
        self.action = parsed
        legalBasis = try row.decode(String.self, "legal_basis")
        source = try row.decode(String.self, "source")
        createdAt = try row.decode(Date.self, "created_at")
        retiredAt = try row.decode(Date?.self, "retired_at")
        referrals = try row.decode(Int.self, "referrals")
    }
}
