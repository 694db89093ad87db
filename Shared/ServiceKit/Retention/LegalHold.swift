import Domain
import Foundation
import Postgres

/// One legal hold (`legal_holds`): on a referral or a network, who placed it, why and until when.
public struct LegalHold: Sendable, Hashable {
    public enum Subject: Sendable, Hashable {
        case referral(UUID)
        case network(Int64)
    }

    public let id: Int64
    public let subject: Subject
    public let reason: String
    public let placedBy: String
    public let agencyCode: String?
    public let placedAt: Date
    public let until: Date?
    public let releasedAt: Date?
    public let releasedBy: String?

    init(_ row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        if let referral = try row.decode(UUID?.self, "referral_id") {
            subject = .referral(referral)
        } else {
            subject = .network(try row.decode(Int64.self, "network_id"))
        }
        reason = try row.decode(String.self, "reason")
        placedBy = try row.decode(String.self, "placed_by")
        agencyCode = try row.decode(String?.self, "agency_code")
        placedAt = try row.decode(Date.self, "placed_at")
        until = try row.decode(Date?.self, "held_until")
        releasedAt = try row.decode(Date?.self, "released_at")
        releasedBy = try row.decode(String?.self, "released_by")
    }

    /// What its audit event records (never the reason: free text may name people).
    public var auditDetail: [String: String] {
        ["on": subjectText, "until": until.map(Timestamp.format) ?? "until released"]
    }

    /// `referral:<uuid>` or `network:<id>`.
    public var subjectText: String {
        switch subject {
        case .referral(let id): "referral:\(id.uuidString.lowercased())"
        case .network(let id): "network:\(id)"
        }
    }
}
