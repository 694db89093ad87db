/// The answer for one looked-up value. It names no referral, partner or agency: only whether the
/// value is known and, when enough distinct sectors know it that no one of them stands out
/// (the policy's k-anonymity floor), how many sectors and partners.
public struct LookupAnswer: Sendable, Hashable, Encodable {
    public let kind: IndicatorKind
    /// The canonical form of the value asked about (the caller's own input, normalised).
    public let value: String
    public let known: Bool
    public let sectors: Int?
    public let partners: Int?

    public init(indicator: CanonicalIndicator, sighting: LookupSighting?, policy: LookupPolicy) {
        kind = indicator.kind
        value = indicator.value
        let sectorCount = sighting?.sectors ?? 0
        known = sectorCount > 0
        let countable = known && sectorCount >= policy.sectorFloor
        sectors = countable ? sectorCount : nil
        partners = countable ? sighting?.partners : nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
        try container.encode(known, forKey: .known)
        try container.encodeIfPresent(sectors, forKey: .sectors)
        try container.encodeIfPresent(partners, forKey: .partners)
    }

    private enum CodingKeys: String, CodingKey {
        case kind, value, known, sectors, partners
    }
}
