import Foundation

/// A disruption request as stored, and as the raising agency's officers see it.
public struct PartnerRequest: Sendable, Hashable, Encodable {
    public let id: Int64
    public let taskingID: String
    public let agency: String
    public let kind: String
    public let indicatorKind: String
    public let indicatorValue: String
    public let indicatorKey: String
    public let gateway: String
    /// The tasking referral's marking: the indicator's value is its data.
    public let tlp: TLP
    public let deadline: Date
    public let note: String?
    public let status: RequestStatus
    /// The officer, as audit events name them.
    public let raisedBy: String
    public let raisedAt: Date
    public let acknowledgedAt: Date?
    /// The partner id that completed or declined it.
    public let actedBy: String?
    public let actedAt: Date?
    public let completion: RequestCompletion?
    public let declinedReason: String?
    /// When the chase job found it open past its deadline.
    public let overdueAt: Date?
    /// The partner ids it was addressed to (officers' view only).
    public let addressees: [String]

    public init(
        id: Int64, taskingID: String, agency: String, kind: String, indicatorKind: String, indicatorValue: String,
        indicatorKey: String, gateway: String, tlp: TLP, deadline: Date, note: String?, status: RequestStatus, raisedBy: String,
        raisedAt: Date, acknowledgedAt: Date?, actedBy: String?, actedAt: Date?, completion: RequestCompletion?,
        declinedReason: String?, overdueAt: Date?, addressees: [String]
    ) {
        self.id = id
        self.taskingID = taskingID
        self.agency = agency
        self.kind = kind
        self.indicatorKind = indicatorKind
        self.indicatorValue = indicatorValue
        self.indicatorKey = indicatorKey
        self.gateway = gateway
        self.tlp = tlp
        self.deadline = deadline
        self.note = note
        self.status = status
        self.raisedBy = raisedBy
        self.raisedAt = raisedAt
        self.acknowledgedAt = acknowledgedAt
        self.actedBy = actedBy
        self.actedAt = actedAt
        self.completion = completion
        self.declinedReason = declinedReason
        self.overdueAt = overdueAt
        self.addressees = addressees
    }

    /// Seconds from raising to the partner's stated completion.
    public var secondsToComplete: Double? {
        completion.map { $0.completedAt.timeIntervalSince(raisedAt) }
    }

    private enum CodingKeys: String, CodingKey {
        case id, agency, kind, gateway, tlp, deadline, note, status, addressees, completion
        case taskingID = "tasking_id"
        case indicator
        case raisedBy = "raised_by"
        case raisedAt = "raised_at"
        case acknowledgedAt = "acknowledged_at"
        case actedBy = "acted_by_partner"
        case actedAt = "acted_at"
        case declinedReason = "declined_reason"
        case overdueAt = "overdue_at"
        case secondsToComplete = "seconds_to_complete"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(taskingID, forKey: .taskingID)
        try container.encode(agency, forKey: .agency)
        try container.encode(kind, forKey: .kind)
        try container.encode(["kind": indicatorKind, "value": indicatorValue, "key": indicatorKey], forKey: .indicator)
        try container.encode(gateway, forKey: .gateway)
        try container.encode(tlp, forKey: .tlp)
        try container.encodeTimestamp(deadline, forKey: .deadline)
        try container.encode(note, forKey: .note)
        try container.encode(status, forKey: .status)
        try container.encode(raisedBy, forKey: .raisedBy)
        try container.encodeTimestamp(raisedAt, forKey: .raisedAt)
        try container.encode(acknowledgedAt.map(Timestamp.format), forKey: .acknowledgedAt)
        try container.encode(actedBy, forKey: .actedBy)
        try container.encode(actedAt.map(Timestamp.format), forKey: .actedAt)
        try container.encode(completion, forKey: .completion)
        try container.encode(secondsToComplete, forKey: .secondsToComplete)
        try container.encode(declinedReason, forKey: .declinedReason)
        try container.encode(overdueAt.map(Timestamp.format), forKey: .overdueAt)
        try container.encode(addressees, forKey: .addressees)
    }
}
