import Foundation

/// Feedback for one partner about one of its referrals, as released by the decision point
/// (`Disclosure.decide`): it names other partners or carries their data only where their markings
/// and the release policy allow.
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
    /// The officer's note, once a second officer approved it.
    public let note: String?
    /// Why the referral was declined: to the referring partner of the actioned referral only.
    public let rationale: String?
    /// Other partners whose linked referrals corroborate this one, where the policy names them.
    public let corroboratedBy: [String]
    /// How the partner must handle this feedback: the strictest TLP of every referral it reveals.
    public let tlp: TLP
    /// C when any referral it reveals carries handling code C; the conditions travel with it.
    public let handlingCode: HandlingCode
    public let handlingConditions: String?
    public let issuedAt: Date

    init(
        id: String, partnerID: String, referralID: String, status: FeedbackStatus, message: String,
        outcome: OutcomeKind? = nil, homeOfficeCode: HomeOfficeOutcomeCode? = nil, disruptions: [FeedbackDisruption] = [],
        moneyProtected: Money? = nil, assetsRestrained: Money? = nil, moneyRepatriated: Money? = nil,
        note: String? = nil, rationale: String? = nil, corroboratedBy: [String] = [], tlp: TLP, handlingCode: HandlingCode = .permitted,
        handlingConditions: String? = nil, issuedAt: Date
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
        self.rationale = rationale
        self.corroboratedBy = corroboratedBy
        self.tlp = tlp
        self.handlingCode = handlingCode
        self.handlingConditions = handlingConditions
        self.issuedAt = issuedAt
    }

    /// The same content under its id and issue time.
    func issued(id: String, at issuedAt: Date) -> FeedbackItem {
        FeedbackItem(
            id: id, partnerID: partnerID, referralID: referralID, status: status, message: message, outcome: outcome,
            homeOfficeCode: homeOfficeCode, disruptions: disruptions, moneyProtected: moneyProtected,
            assetsRestrained: assetsRestrained, moneyRepatriated: moneyRepatriated, note: note, rationale: rationale, corroboratedBy: corroboratedBy,
            tlp: tlp, handlingCode: handlingCode, handlingConditions: handlingConditions, issuedAt: issuedAt)
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, message, outcome, disruptions, note, rationale, tlp
        case partnerID = "partner_id"
        case referralID = "referral_id"
        case homeOfficeCode = "home_office_code"
        case moneyProtected = "money_protected"
        case assetsRestrained = "assets_restrained"
        case moneyRepatriated = "money_repatriated"
        case issuedAt = "issued_at"
        case corroboratedBy = "corroborated_by"
        case handlingCode = "handling_code"
        case handlingConditions = "handling_conditions"
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
            rationale: try container.decodeIfPresent(String.self, forKey: .rationale),
            corroboratedBy: try container.decodeIfPresent([String].self, forKey: .corroboratedBy) ?? [],
            tlp: try container.decode(TLP.self, forKey: .tlp),
            handlingCode: try container.decodeIfPresent(HandlingCode.self, forKey: .handlingCode) ?? .permitted,
            handlingConditions: try container.decodeIfPresent(String.self, forKey: .handlingConditions),
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
        try container.encodeIfPresent(rationale, forKey: .rationale)
        try container.encode(corroboratedBy, forKey: .corroboratedBy)
        try container.encode(tlp, forKey: .tlp)
        try container.encode(handlingCode, forKey: .handlingCode)
        try container.encodeIfPresent(handlingConditions, forKey: .handlingConditions)
        try container.encodeTimestamp(issuedAt, forKey: .issuedAt)
    }
}

/// A disruption as a partner may see it: the kind always, the indicator only when it is
/// the partner's own and its markings allow it to be echoed.
public struct FeedbackDisruption: Sendable, Hashable, Codable {
    public let kind: DisruptionKind
    public let indicatorKey: String?

    init(kind: DisruptionKind, indicatorKey: String?) {
        self.kind = kind
        self.indicatorKey = indicatorKey
    }

    private enum CodingKeys: String, CodingKey {
        case kind
        case indicatorKey = "indicator_key"
    }
}
