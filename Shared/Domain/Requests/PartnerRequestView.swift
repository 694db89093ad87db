import Foundation

/// A disruption request as a partner it was addressed to sees it; made only by
/// `Disclosure.requestView`.
public struct PartnerRequestView: Sendable, Hashable, Encodable {
    public let id: Int64
    /// The agency asking (partners need to know who asks, and under which gateway).
    public let agency: String
    public let kind: String
    public let indicatorKind: String
    public let indicatorValue: String
    public let gateway: String
    public let tlp: TLP
    public let deadline: Date
    public let note: String?
    public let status: RequestStatus
    public let raisedAt: Date
    public let acknowledgedAt: Date?
    /// `you` or `another partner`, once completed or declined.
    public let actedBy: String?
    /// The caller's own evidence, when it completed the request.
    public let completion: RequestCompletion?
    /// The caller's own reason, when it declined the request.
    public let declinedReason: String?
    public let overdue: Bool

    private enum CodingKeys: String, CodingKey {
        case id, agency, kind, indicator, gateway, tlp, deadline, note, status, completion, overdue
        case raisedAt = "raised_at"
        case acknowledgedAt = "acknowledged_at"
        case actedBy = "acted_by"
        case declinedReason = "declined_reason"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(agency, forKey: .agency)
        try container.encode(kind, forKey: .kind)
        try container.encode(["kind": indicatorKind, "value": indicatorValue], forKey: .indicator)
        try container.encode(gateway, forKey: .gateway)
        try container.encode(tlp, forKey: .tlp)
        try container.encodeTimestamp(deadline, forKey: .deadline)
        try container.encode(note, forKey: .note)
        try container.encode(status, forKey: .status)
        try container.encodeTimestamp(raisedAt, forKey: .raisedAt)
        try container.encode(acknowledgedAt.map(Timestamp.format), forKey: .acknowledgedAt)
        try container.encode(actedBy, forKey: .actedBy)
        try container.encode(completion, forKey: .completion)
        try container.encode(declinedReason, forKey: .declinedReason)
        try container.encode(overdue, forKey: .overdue)
    }
}
