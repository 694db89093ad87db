import Foundation

/// An outcome recorded by an agency officer against a tasking.
public struct Outcome: Sendable, Hashable, Codable {
    public let kind: OutcomeKind
    public let homeOfficeCode: Int?
    public let disruptions: [Disruption]
    public let moneyProtected: Money?
    public let assetsRestrained: Money?
    public let moneyRepatriated: Money?
    /// The assessed impact of the disruption, when the outcome is or lists one.
    public let disruptionSeverity: DisruptionSeverity?
    /// How many suspects the outcome concerns (arrested, charged, disposed of).
    public let suspects: Int?
    /// The organised crime group the outcome is linked to, by the agency's own reference.
    public let ocgReference: String?
    /// Until this instant feedback says only "received and being actioned".
    public let embargoUntil: Date?
    /// Free text the officer wrote for the referring partners (never internal notes).
    public let partnerNote: String?
    /// Why a referral was `declined`: required for that kind, absent otherwise. CoLP policy sends
    /// it to the referrer; the decision point releases it to the actioned referral's own partner only.
    public let rationale: String?
    public let recordedAt: Date

    public init(
        kind: OutcomeKind, homeOfficeCode: Int? = nil, disruptions: [Disruption] = [], moneyProtected: Money? = nil,
        assetsRestrained: Money? = nil, moneyRepatriated: Money? = nil, disruptionSeverity: DisruptionSeverity? = nil,
        suspects: Int? = nil, ocgReference: String? = nil, embargoUntil: Date? = nil, partnerNote: String? = nil,
        rationale: String? = nil, recordedAt: Date
    ) {
        self.kind = kind
        self.homeOfficeCode = homeOfficeCode
        self.disruptions = disruptions
        self.moneyProtected = moneyProtected
        self.assetsRestrained = assetsRestrained
        self.moneyRepatriated = moneyRepatriated
        self.disruptionSeverity = disruptionSeverity
        self.suspects = suspects
        self.ocgReference = ocgReference
        self.embargoUntil = embargoUntil
        self.partnerNote = partnerNote
        self.rationale = rationale
        self.recordedAt = recordedAt
    }

    public func isEmbargoed(at now: Date) -> Bool {
        embargoUntil.map { $0 > now } ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case kind, disruptions, rationale, suspects
        case disruptionSeverity = "disruption_severity"
        case ocgReference = "ocg_reference"
        case homeOfficeCode = "home_office_code"
        case moneyProtected = "money_protected"
        case assetsRestrained = "assets_restrained"
        case moneyRepatriated = "money_repatriated"
        case embargoUntil = "embargo_until"
        case partnerNote = "partner_note"
        case recordedAt = "recorded_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(OutcomeKind.self, forKey: .kind)
        homeOfficeCode = try container.decodeIfPresent(Int.self, forKey: .homeOfficeCode)
        disruptions = try container.decodeIfPresent([Disruption].self, forKey: .disruptions) ?? []
        moneyProtected = try container.decodeIfPresent(Money.self, forKey: .moneyProtected)
        assetsRestrained = try container.decodeIfPresent(Money.self, forKey: .assetsRestrained)
        moneyRepatriated = try container.decodeIfPresent(Money.self, forKey: .moneyRepatriated)
        disruptionSeverity = try container.decodeIfPresent(DisruptionSeverity.self, forKey: .disruptionSeverity)
        suspects = try container.decodeIfPresent(Int.self, forKey: .suspects)
        ocgReference = try container.decodeIfPresent(String.self, forKey: .ocgReference)
        embargoUntil = try container.decodeTimestampIfPresent(forKey: .embargoUntil)
        partnerNote = try container.decodeIfPresent(String.self, forKey: .partnerNote)
        rationale = try container.decodeIfPresent(String.self, forKey: .rationale)
        recordedAt = try container.decodeTimestamp(forKey: .recordedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(homeOfficeCode, forKey: .homeOfficeCode)
        try container.encode(disruptions, forKey: .disruptions)
        try container.encodeIfPresent(moneyProtected, forKey: .moneyProtected)
        try container.encodeIfPresent(assetsRestrained, forKey: .assetsRestrained)
        try container.encodeIfPresent(moneyRepatriated, forKey: .moneyRepatriated)
        try container.encodeIfPresent(disruptionSeverity, forKey: .disruptionSeverity)
        try container.encodeIfPresent(suspects, forKey: .suspects)
        try container.encodeIfPresent(ocgReference, forKey: .ocgReference)
        try container.encodeTimestampIfPresent(embargoUntil, forKey: .embargoUntil)
        try container.encodeIfPresent(partnerNote, forKey: .partnerNote)
        try container.encodeIfPresent(rationale, forKey: .rationale)
        try container.encodeTimestamp(recordedAt, forKey: .recordedAt)
    }
}
