/// What routing rules match on, gathered from a referral after enrichment: its content, who
/// sent it under which gateway and marking, its score and loss in GBP, its network, and where
/// the victim is (postcode area → police force → ROCU region, resolved from data by enrichment).
public struct RoutingFacts: Sendable, Hashable, Codable {
    public var crimeType: CrimeType
    public var score: Int
    public var distinctPartners: Int
    public var indicatorKinds: Set<IndicatorKind>
    public var overseas: Bool
    public var sector: Sector?
    public var gateway: GatewayCode?
    public var tlp: TLP?
    public var vulnerable: Bool
    public var vulnerabilityLevel: VulnerabilityLevel?
    /// The loss converted to GBP at the dated rate; nil when none was stated or no rate is held.
    public var lossGBP: Double?
    /// Referrals in the referral's network, itself included.
    public var networkSize: Int
    public var postcodeArea: String?
    public var policeForce: String?
    public var rocuRegion: String?
    public var harm: HarmFlags

    public init(
        crimeType: CrimeType, score: Int, distinctPartners: Int, indicatorKinds: Set<IndicatorKind>, overseas: Bool,
        sector: Sector? = nil, gateway: GatewayCode? = nil, tlp: TLP? = nil, vulnerable: Bool = false,
        vulnerabilityLevel: VulnerabilityLevel? = nil, lossGBP: Double? = nil, networkSize: Int = 1,
        postcodeArea: String? = nil, policeForce: String? = nil, rocuRegion: String? = nil, harm: HarmFlags = HarmFlags()
    ) {
        self.crimeType = crimeType
        self.score = score
        self.distinctPartners = distinctPartners
        self.indicatorKinds = indicatorKinds
        self.overseas = overseas
        self.sector = sector
        self.gateway = gateway
        self.tlp = tlp
        self.vulnerable = vulnerable
        self.vulnerabilityLevel = vulnerabilityLevel
        self.lossGBP = lossGBP
        self.networkSize = networkSize
        self.postcodeArea = postcodeArea
        self.policeForce = policeForce
        self.rocuRegion = rocuRegion
        self.harm = harm
    }

    /// The facts of a stored referral: its content plus what enrichment computed.
    public init(
        referral: ValidReferral, score: Int, distinctPartners: Int, sector: Sector?, lossGBP: Double?, networkSize: Int,
        policeForce: String?, rocuRegion: String?
    ) {
        self.init(
            crimeType: referral.crimeType, score: score, distinctPartners: distinctPartners, indicatorKinds: referral.indicatorKinds,
            overseas: referral.involvesOverseas, sector: sector, gateway: referral.gateway, tlp: referral.markings.tlp,
            vulnerable: referral.victims?.vulnerable ?? false, vulnerabilityLevel: referral.victims?.vulnerabilityLevel,
            lossGBP: lossGBP, networkSize: networkSize, postcodeArea: referral.victims?.postcodeArea,
            policeForce: policeForce, rocuRegion: rocuRegion, harm: referral.harm ?? HarmFlags())
    }

    private enum CodingKeys: String, CodingKey {
        case score, overseas, sector, gateway, tlp, vulnerable, harm
        case crimeType = "crime_type"
        case distinctPartners = "distinct_partners"
        case indicatorKinds = "indicator_kinds"
        case vulnerabilityLevel = "vulnerability_level"
        case lossGBP = "loss_gbp"
        case networkSize = "network_size"
        case postcodeArea = "postcode_area"
        case policeForce = "police_force"
        case rocuRegion = "rocu_region"
    }

    /// Only `crime_type` is required: `occ rules test` files state what matters to them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            crimeType: try c.decode(CrimeType.self, forKey: .crimeType), score: try c.decodeIfPresent(Int.self, forKey: .score) ?? 0,
            distinctPartners: try c.decodeIfPresent(Int.self, forKey: .distinctPartners) ?? 1,
            indicatorKinds: try c.decodeIfPresent(Set<IndicatorKind>.self, forKey: .indicatorKinds) ?? [],
            overseas: try c.decodeIfPresent(Bool.self, forKey: .overseas) ?? false,
            sector: try c.decodeIfPresent(Sector.self, forKey: .sector), gateway: try c.decodeIfPresent(GatewayCode.self, forKey: .gateway),
            tlp: try c.decodeIfPresent(TLP.self, forKey: .tlp), vulnerable: try c.decodeIfPresent(Bool.self, forKey: .vulnerable) ?? false,
            vulnerabilityLevel: try c.decodeIfPresent(VulnerabilityLevel.self, forKey: .vulnerabilityLevel),
            lossGBP: try c.decodeIfPresent(Double.self, forKey: .lossGBP),
            networkSize: try c.decodeIfPresent(Int.self, forKey: .networkSize) ?? 1,
            postcodeArea: try c.decodeIfPresent(String.self, forKey: .postcodeArea),
            policeForce: try c.decodeIfPresent(String.self, forKey: .policeForce),
            rocuRegion: try c.decodeIfPresent(String.self, forKey: .rocuRegion),
            harm: try c.decodeIfPresent(HarmFlags.self, forKey: .harm) ?? HarmFlags())
    }
}
