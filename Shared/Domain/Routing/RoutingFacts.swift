/// What routing rules match on, gathered from a referral after enrichment.
public struct RoutingFacts: Sendable, Hashable {
    public let crimeType: CrimeType
    public let score: Int
    public let distinctPartners: Int
    public let indicatorKinds: Set<IndicatorKind>
    public let overseas: Bool

    public init(crimeType: CrimeType, score: Int, distinctPartners: Int, indicatorKinds: Set<IndicatorKind>, overseas: Bool) {
        self.crimeType = crimeType
        self.score = score
        self.distinctPartners = distinctPartners
        self.indicatorKinds = indicatorKinds
        self.overseas = overseas
    }

    public init(referral: ValidReferral, score: HarmScore, corroboration: Corroboration) {
        self.init(
            crimeType: referral.crimeType, score: score.value, distinctPartners: corroboration.distinctPartners,
            indicatorKinds: referral.indicatorKinds, overseas: referral.involvesOverseas)
    }
}
