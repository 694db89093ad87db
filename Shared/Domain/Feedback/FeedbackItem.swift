import Foundation

/// Sanitised feedback for one partner about one of its referrals. Built only by
/// `FeedbackSanitiser`, so it never names other partners or carries their data.
public struct FeedbackItem: Sendable, Hashable, Codable {
    /// Deterministic: the same feedback always has the same id (a webhook idempotency key).
    public let id: String
    public let partnerID: String
    public let referralID: String
    public let status: FeedbackStatus
    public let message: String
    public let outcome: OutcomeKind?
    public let homeOfficeCode: HomeOfficeOutcomeCode?
    public let disruptions: [FeedbackDisruption]
    public let moneyProtected: Money?
    public let assetsRestrained: Money?
    public let moneyRepatriated: Money?
    public let note: String?
    /// How the partner must handle this feedback.
    public let tlp: TLP
    public let issuedAt: Date

    init(
        id: String, partnerID: String, referralID: String, status: FeedbackStatus, message: String,
        outcome: OutcomeKind? = nil, homeOfficeCode: HomeOfficeOutcomeCode? = nil, disruptions: [FeedbackDisruption] = [],
        moneyProtected: Money? = nil, assetsRestrained: Money? = nil, moneyRepatriated: Money? = nil,
        note: String? = nil, tlp: TLP, issuedAt: Date
    ) {
        self.id = id
        self.partnerID = partnerID
        self.referralID = referralID
        self.status = status
        self.message = message
        self.outcome = outcome
        self.homeOfficeCode = homeOfficeCode
        self.disruptions = disruptions
        self.moneyProtected = moneyProtected
        self.assetsRestrained = assetsRestrained
        self.moneyRepatriated = moneyRepatriated
        self.note = note
        self.tlp = tlp
        self.issuedAt = issuedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, message, outcome, disruptions, note, tlp
        case partnerID = "partner_id"
        case referralID = "referral_id"
        case homeOfficeCode = "home_office_code"
        case moneyProtected = "money_protected"
        case assetsRestrained = "assets_restrained"
        case moneyRepatriated = "money_repatriated"
        case issuedAt = "issued_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            partnerID: try container.decode(String.self, forKey: .partnerID),
            referralID: try container.decode(String.self, forKey: .referralID),
            status: try container.decode(FeedbackStatus.self, forKey: .status),
            message: try container.decode(String.self, forKey: .message),
            outcome: try container.decodeIfPresent(OutcomeKind.self, forKey: .outcome),
            homeOfficeCode: try container.decodeIfPresent(HomeOfficeOutcomeCode.self, forKey: .homeOfficeCode),
            disruptions: try container.decode([FeedbackDisruption].self, forKey: .disruptions),
            moneyProtected: try container.decodeIfPresent(Money.self, forKey: .moneyProtected),
            assetsRestrained: try container.decodeIfPresent(Money.self, forKey: .assetsRestrained),
            moneyRepatriated: try container.decodeIfPresent(Money.self, forKey: .moneyRepatriated),
            note: try container.decodeIfPresent(String.self, forKey: .note),
            tlp: try container.decode(TLP.self, forKey: .tlp),
            issuedAt: try container.decodeTimestamp(forKey: .issuedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(partnerID, forKey: .partnerID)
        try container.encode(referralID, forKey: .referralID)
        try container.encode(status, forKey: .status)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(outcome, forKey: .outcome)
        try container.encodeIfPresent(homeOfficeCode, forKey: .homeOfficeCode)
        try container.encode(disruptions, forKey: .disruptions)
        try container.encodeIfPresent(moneyProtected, forKey: .moneyProtected)
        try container.encodeIfPresent(assetsRestrained, forKey: .assetsRestrained)
        try container.encodeIfPresent(moneyRepatriated, forKey: .moneyRepatriated)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(tlp, forKey: .tlp)
        try container.encodeTimestamp(issuedAt, forKey: .issuedAt)
    }
}

/// A disruption as a partner may see it: the kind always, the indicator only when it is
/// the partner's own and its markings allow it to be echoed.
public struct FeedbackDisruption: Sendable, Hashable, Codable {
    public let kind: DisruptionKind
    public let indicatorKey: String?

    private enum CodingKeys: String, CodingKey {
        case kind
        case indicatorKey = "indicator_key"
    }
}
