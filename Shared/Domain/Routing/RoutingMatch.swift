/// The conditions of a routing rule. Every condition given must hold; an absent condition
/// matches anything. List conditions match when any listed value applies.
public struct RoutingMatch: Sendable, Hashable, Codable {
    public var crimeFamilies: [CrimeFamily]?
    public var crimeTypes: [CrimeType]?
    public var minimumScore: Int?
    public var minimumDistinctPartners: Int?
    /// At least one indicator of one of these kinds is present.
    public var indicatorKindsAny: [IndicatorKind]?
    public var overseas: Bool?

    public init(
        crimeFamilies: [CrimeFamily]? = nil, crimeTypes: [CrimeType]? = nil, minimumScore: Int? = nil,
        minimumDistinctPartners: Int? = nil, indicatorKindsAny: [IndicatorKind]? = nil, overseas: Bool? = nil
    ) {
        self.crimeFamilies = crimeFamilies
        self.crimeTypes = crimeTypes
        self.minimumScore = minimumScore
        self.minimumDistinctPartners = minimumDistinctPartners
        self.indicatorKindsAny = indicatorKindsAny
        self.overseas = overseas
    }

    public func matches(_ facts: RoutingFacts) -> Bool {
        (crimeFamilies.map { $0.contains(facts.crimeType.family) } ?? true)
            && (crimeTypes.map { $0.contains(facts.crimeType) } ?? true)
            && (minimumScore.map { facts.score >= $0 } ?? true)
            && (minimumDistinctPartners.map { facts.distinctPartners >= $0 } ?? true)
            && (indicatorKindsAny.map { !facts.indicatorKinds.isDisjoint(with: $0) } ?? true)
            && (overseas.map { facts.overseas == $0 } ?? true)
    }

    private enum CodingKeys: String, CodingKey {
        case crimeFamilies = "crime_families"
        case crimeTypes = "crime_types"
        case minimumScore = "minimum_score"
        case minimumDistinctPartners = "minimum_distinct_partners"
        case indicatorKindsAny = "indicator_kinds_any"
        case overseas
    }
}
