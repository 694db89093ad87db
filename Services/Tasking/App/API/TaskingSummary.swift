import Foundation
import Postgres

/// A tasking as lists show it: the work and its urgency, but none of the referral's content
/// (summary, indicators), which only an audited detail read with a stated purpose discloses.
struct TaskingSummary: Encodable, Sendable {
    /// Ids in lower case, as every other API of the exchange writes UUIDs.
    let id: String
    let referralID: String
    let reference: String
    let crimeType: String
    let tlp: String
    let score: Int
    let distinctPartners: Int
    let priority: String
    let status: String
    let slaDeadline: Date
    let ruleIDs: [String]
    let createdAt: Date
    let acceptedAt: Date?
    let closedAt: Date?
    /// The closing officer's reason, once closed.
    let closedReason: String?
    let sla: TaskingSLAView
    /// Present when several agencies hold open taskings in the referral's network.
    let deconfliction: Deconfliction?

    init(row: PostgresRow) throws {
        id = try row.decode(UUID.self, "id").uuidString.lowercased()
        referralID = try row.decode(UUID.self, "referral_id").uuidString.lowercased()
        reference = try row.decode(String.self, "reference")
        crimeType = try row.decode(String.self, "crime_type")
        tlp = try row.decode(String.self, "tlp")
        score = try row.decode(Int.self, "score")
        distinctPartners = try row.decode(Int.self, "distinct_partners")
        priority = try row.decode(String.self, "priority")
        status = try row.decode(String.self, "status")
        slaDeadline = try row.decode(Date.self, "sla_deadline")
        ruleIDs = try row.decode([String].self, "rule_ids")
        createdAt = try row.decode(Date.self, "created_at")
        acceptedAt = try row.decode(Date?.self, "accepted_at")
        closedAt = try row.decode(Date?.self, "closed_at")
        closedReason = try row.decode(String?.self, "closed_reason")
        sla = try TaskingSLAView(row: row)
        deconfliction = try Deconfliction(row: row)
    }

    private enum CodingKeys: String, CodingKey {
        case id, reference, tlp, score, priority, status, sla, deconfliction
        case referralID = "referral_id"
        case crimeType = "crime_type"
        case distinctPartners = "distinct_partners"
        case slaDeadline = "sla_deadline"
        case ruleIDs = "rule_ids"
        case createdAt = "created_at"
        case acceptedAt = "accepted_at"
        case closedAt = "closed_at"
        case closedReason = "closed_reason"
    }
}
