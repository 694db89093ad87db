import Foundation

/// A request for information: an officer's question to the partner that referred a tasking's
/// referral, and the partner's answer. Officers see all of it; the partner (`forPartner`) sees
/// neither the officer nor the tasking.
public struct PartnerRFI: Sendable, Hashable, Encodable {
    public let id: Int64
    public let taskingID: String
    public let agency: String
    public let referralID: String
    public let partnerID: String
    public let question: String
    public let deadline: Date
    public let askedBy: String
    public let askedAt: Date
    public let answer: String?
    public let answeredAt: Date?
    public let overdueAt: Date?
    public private(set) var forPartner = false

    public init(
        id: Int64, taskingID: String, agency: String, referralID: String, partnerID: String, question: String, deadline: Date,
        askedBy: String, askedAt: Date, answer: String?, answeredAt: Date?, overdueAt: Date?
    ) {
        self.id = id
        self.taskingID = taskingID
        self.agency = agency
        self.referralID = referralID
        self.partnerID = partnerID
        self.question = question
        self.deadline = deadline
        self.askedBy = askedBy
        self.askedAt = askedAt
        self.answer = answer
        self.answeredAt = answeredAt
        self.overdueAt = overdueAt
    }

    public var isOpen: Bool { answer == nil }

    /// The copy its partner is served.
    public func partnerView() -> PartnerRFI {
        var view = self
        view.forPartner = true
        return view
    }

    private enum CodingKeys: String, CodingKey {
        case id, agency, question, deadline, status, answer, overdue
        case taskingID = "tasking_id"
        case referralID = "referral_id"
        case partnerID = "partner_id"
        case askedBy = "asked_by"
        case askedAt = "asked_at"
        case answeredAt = "answered_at"
        case overdueAt = "overdue_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(agency, forKey: .agency)
        try container.encode(referralID, forKey: .referralID)
        try container.encode(question, forKey: .question)
        try container.encodeTimestamp(deadline, forKey: .deadline)
        try container.encode(isOpen ? "open" : "answered", forKey: .status)
        try container.encodeTimestamp(askedAt, forKey: .askedAt)
        try container.encode(answer, forKey: .answer)
        try container.encode(answeredAt.map(Timestamp.format), forKey: .answeredAt)
        if forPartner {
            try container.encode(overdueAt != nil, forKey: .overdue)
        } else {
            try container.encode(taskingID, forKey: .taskingID)
            try container.encode(partnerID, forKey: .partnerID)
            try container.encode(askedBy, forKey: .askedBy)
            try container.encode(overdueAt.map(Timestamp.format), forKey: .overdueAt)
        }
    }
}
