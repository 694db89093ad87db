import Domain
import Foundation
import Postgres

/// One referral whose review date has passed, with what its rule does and what goes with it.
public struct Disposal: Sendable, Hashable {
    public let referralID: UUID
    public let reference: String
    public let recordClass: String
    public let rule: String
    public let action: DisposalAction
    public let reviewAt: Date
    /// Indicator sightings, links (each direction) and feedback items removed with it.
    public let sightings: Int
    public let links: Int
    public let feedbackItems: Int
    /// The network it leaves, if any.
    public let networkID: Int64?
    /// Under a legal hold in force: listed by `due`, never disposed of.
    public let held: Bool

    init(_ row: PostgresRow) throws {
        referralID = try row.decode(UUID.self, "id")
        reference = try row.decode(String.self, "reference")
        recordClass = try row.decode(String.self, "retention_class")
        rule = try row.decode(String.self, "retention_rule")
        let action = try row.decode(String.self, "action")
        guard let parsed = DisposalAction(rawValue: action) else {
            throw PostgresDecodingFailure.invalid(expected: "a disposal action, not \(action)")
        }
        self.action = parsed
        reviewAt = try row.decode(Date.self, "review_at")
        sightings = try row.decode(Int.self, "sightings")
        links = try row.decode(Int.self, "links")
        feedbackItems = try row.decode(Int.self, "feedback_items")
        networkID = try row.decode(Int64?.self, "network_id")
        held = try row.decode(Bool.self, "held")
    }

    /// Tab-separated, as `occ retention due` and `run` print it.
    public var line: String {
        [referralID.uuidString.lowercased(), reference, recordClass, rule, action.rawValue, Timestamp.format(reviewAt),
         "sightings=\(sightings)", "links=\(links)", "network=\(networkID.map(String.init) ?? "-")", "feedback=\(feedbackItems)"]
            .joined(separator: "\t") + (held ? "\theld" : "")
    }

    /// The audit event of its disposal: names the rule and counts what went with it (`taxiiRevoked`:
    /// the TAXII objects it revoked).
    func auditEvent(actor: String, at asOf: Date, taxiiRevoked: Int) -> AuditEvent {
        AuditEvent(
            actor: actor, action: action == .review ? "retention.review_requested" : "retention.\(action.rawValue)d",
            subjectType: "referral", subjectID: referralID.uuidString.lowercased(),
            detail: [
                "rule": rule, "class": recordClass, "disposal_action": action.rawValue, "review_at": Timestamp.format(reviewAt),
                "sightings": String(sightings), "links": String(links), "feedback_items": String(feedbackItems),
                "network": networkID.map(String.init) ?? "none", "taxii_revoked": String(taxiiRevoked),
            ],
            occurredAt: asOf)
    }
}
