/// A referral that passed validation, with every indicator in canonical form. Only
/// `ReferralValidator` makes these from partner input; decoding trusts stored values.
public struct ValidReferral: Sendable, Hashable, Codable {
    public let partnerReference: String
    public let crimeType: CrimeType
    public let summary: String?
    public let timeWindow: TimeWindow?
    public let victims: Victims?
    public let loss: Money?
    /// The partner's own statement that the activity involves another country.
    public let overseas: Bool
    /// Canonical indicators, duplicates (equal keys) removed, in the order first given.
    public let indicators: [CanonicalIndicator]
    /// The lawful gateway cited; intake checked it against the registry and the partner's agreements.
    public let gateway: GatewayCode
    public let markings: HandlingMarkings
    /// THRIVE-style flags, when the partner gave any.
    public let harm: HarmFlags?

    public init(
        partnerReference: String, crimeType: CrimeType, summary: String?, timeWindow: TimeWindow?,
        victims: Victims?, loss: Money?, overseas: Bool, indicators: [CanonicalIndicator],
        gateway: GatewayCode, markings: HandlingMarkings, harm: HarmFlags? = nil
    ) {
        self.partnerReference = partnerReference
        self.crimeType = crimeType
        self.summary = summary
        self.timeWindow = timeWindow
        self.victims = victims
        self.loss = loss
        self.overseas = overseas
        self.indicators = indicators
        self.gateway = gateway
        self.markings = markings
        self.harm = harm
    }

    /// Stated overseas, or any indicator points abroad (foreign phone number or IBAN).
    public var involvesOverseas: Bool {
        overseas || indicators.contains(where: \.isOverseas)
    }

    public var indicatorKinds: Set<IndicatorKind> {
        Set(indicators.map(\.kind))
    }

    private enum CodingKeys: String, CodingKey {
        case partnerReference = "partner_reference"
        case crimeType = "crime_type"
        case summary
        case timeWindow = "time_window"
        case victims, loss, overseas, indicators, gateway, markings, harm
    }
}
