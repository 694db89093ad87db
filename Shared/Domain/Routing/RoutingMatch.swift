/// The conditions of a routing rule. Every condition given must hold; an absent condition
/// matches anything. List conditions match when any listed value applies. `not` holds when
/// none of its nested conditions sets matches.
public struct RoutingMatch: Sendable, Hashable, Codable {
    public var crimeFamilies: [CrimeFamily]?
    public var crimeTypes: [CrimeType]?
    public var minimumScore: Int?
    public var minimumDistinctPartners: Int?
    /// At least one indicator of one of these kinds is present.
    public var indicatorKindsAny: [IndicatorKind]?
    /// Every one of these kinds is present.
    public var indicatorKindsAll: [IndicatorKind]?
    public var overseas: Bool?
    public var sectors: [Sector]?
    public var gateways: [GatewayCode]?
    public var tlps: [TLP]?
    public var vulnerable: Bool?
    /// Vulnerable to at least this level (an unstated level counts as medium).
    public var minimumVulnerability: VulnerabilityLevel?
    public var minimumLossGBP: Double?
    public var minimumNetworkSize: Int?
    public var postcodeAreas: [String]?
    public var policeForces: [String]?
    public var rocuRegions: [String]?
    public var threatToLife: Bool?
    public var safeguardingConcern: Bool?
    public var ongoingHarm: Bool?
    public var repeatVictim: Bool?
    public var not: [RoutingMatch]?

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
        unmet(facts).isEmpty
    }

    /// Each condition that does not hold, saying why (`minimum_score 70: score is 57`); empty
    /// when the rule matches. `occ rules test` prints these.
    public func unmet(_ facts: RoutingFacts) -> [String] {
        var unmet: [String] = []
        func check(_ holds: Bool?, _ reason: @autoclosure () -> String) {
            if holds == false { unmet.append(reason()) }
        }
        let level = facts.vulnerable ? (facts.vulnerabilityLevel ?? .medium) : nil
        check(crimeFamilies.map { $0.contains(facts.crimeType.family) }, "crime_families: family is \(facts.crimeType.family.rawValue)")
        check(crimeTypes.map { $0.contains(facts.crimeType) }, "crime_types: type is \(facts.crimeType.rawValue)")
        check(minimumScore.map { facts.score >= $0 }, "minimum_score \(minimumScore ?? 0): score is \(facts.score)")
        check(minimumDistinctPartners.map { facts.distinctPartners >= $0 },
              "minimum_distinct_partners \(minimumDistinctPartners ?? 0): \(facts.distinctPartners) partner(s)")
        check(indicatorKindsAny.map { !facts.indicatorKinds.isDisjoint(with: $0) }, "indicator_kinds_any: none present")
        check(indicatorKindsAll.map { facts.indicatorKinds.isSuperset(of: $0) }, "indicator_kinds_all: not all present")
        check(overseas.map { facts.overseas == $0 }, "overseas: is \(facts.overseas)")
        check(sectors.map { facts.sector.map($0.contains) ?? false }, "sectors: sector is \(facts.sector?.rawValue ?? "unknown")")
        check(gateways.map { facts.gateway.map($0.contains) ?? false }, "gateways: gateway is \(facts.gateway?.rawValue ?? "unknown")")
        check(tlps.map { facts.tlp.map($0.contains) ?? false }, "tlps: TLP is \(facts.tlp?.rawValue ?? "unknown")")
        check(vulnerable.map { facts.vulnerable == $0 }, "vulnerable: is \(facts.vulnerable)")
        check(minimumVulnerability.map { min in level.map { $0 >= min } ?? false },
              "minimum_vulnerability \(minimumVulnerability?.rawValue ?? ""): \(level?.rawValue ?? "not vulnerable")")
        check(minimumLossGBP.map { min in facts.lossGBP.map { $0 >= min } ?? false },
              "minimum_loss_gbp \(minimumLossGBP ?? 0): loss is \(facts.lossGBP.map { "£\(Int($0))" } ?? "unknown")")
        check(minimumNetworkSize.map { facts.networkSize >= $0 },
              "minimum_network_size \(minimumNetworkSize ?? 0): network has \(facts.networkSize)")
        check(postcodeAreas.map { facts.postcodeArea.map($0.contains) ?? false },
              "postcode_areas: area is \(facts.postcodeArea ?? "unknown")")
        check(policeForces.map { facts.policeForce.map($0.contains) ?? false }, "police_forces: force is \(facts.policeForce ?? "unknown")")
        check(rocuRegions.map { facts.rocuRegion.map($0.contains) ?? false }, "rocu_regions: region is \(facts.rocuRegion ?? "unknown")")
        check(threatToLife.map { facts.harm.threatToLife == $0 }, "threat_to_life: is \(facts.harm.threatToLife)")
        check(safeguardingConcern.map { facts.harm.safeguardingConcern == $0 }, "safeguarding_concern: is \(facts.harm.safeguardingConcern)")
        check(ongoingHarm.map { facts.harm.ongoingHarm == $0 }, "ongoing_harm: is \(facts.harm.ongoingHarm)")
        check(repeatVictim.map { facts.harm.repeatVictim == $0 }, "repeat_victim: is \(facts.harm.repeatVictim)")
        for (index, excluded) in (not ?? []).enumerated() where excluded.matches(facts) {
            unmet.append("not[\(index)]: its conditions all hold")
        }
        return unmet
    }

    private enum CodingKeys: String, CodingKey {
        case overseas, sectors, gateways, tlps, vulnerable, not
        case crimeFamilies = "crime_families"
        case crimeTypes = "crime_types"
        case minimumScore = "minimum_score"
        case minimumDistinctPartners = "minimum_distinct_partners"
        case indicatorKindsAny = "indicator_kinds_any"
        case indicatorKindsAll = "indicator_kinds_all"
        case minimumVulnerability = "minimum_vulnerability"
        case minimumLossGBP = "minimum_loss_gbp"
        case minimumNetworkSize = "minimum_network_size"
        case postcodeAreas = "postcode_areas"
        case policeForces = "police_forces"
        case rocuRegions = "rocu_regions"
        case threatToLife = "threat_to_life"
        case safeguardingConcern = "safeguarding_concern"
        case ongoingHarm = "ongoing_harm"
        case repeatVictim = "repeat_victim"
    }
}
