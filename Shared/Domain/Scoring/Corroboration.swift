/// How widely a referral's indicators have been reported: the most distinct partners, and
/// the most distinct sectors, that reported any one of its indicators (this referral's own
/// partner included). A phone number reported by a telco and a bank gives 2 and 2.
public struct Corroboration: Sendable, Hashable, Codable {
    public let distinctPartners: Int
    public let distinctSectors: Int

    public init(distinctPartners: Int, distinctSectors: Int) {
        self.distinctPartners = max(1, distinctPartners)
        self.distinctSectors = max(1, distinctSectors)
    }

    /// Only the referring partner knows of it.
    public static let uncorroborated = Corroboration(distinctPartners: 1, distinctSectors: 1)

    /// Computes corroboration from every sighting of the referral's indicators (the enrichment
    /// service loads sightings of the referral's correlation keys, its own included).
    /// The two maxima may come from different indicators.
    public static func from(_ sightings: [IndicatorSighting]) -> Corroboration {
        var partners: [String: Set<String>] = [:]
        var sectors: [String: Set<Sector>] = [:]
        for sighting in sightings {
            partners[sighting.key, default: []].insert(sighting.partnerID)
            sectors[sighting.key, default: []].insert(sighting.sector)
        }
        return Corroboration(
            distinctPartners: partners.values.map(\.count).max() ?? 1,
            distinctSectors: sectors.values.map(\.count).max() ?? 1)
    }

    private enum CodingKeys: String, CodingKey {
        case distinctPartners = "distinct_partners"
        case distinctSectors = "distinct_sectors"
    }
}

/// One partner's report of one indicator (by correlation key).
public struct IndicatorSighting: Sendable, Hashable {
    public let key: String
    public let partnerID: String
    public let sector: Sector

    public init(key: String, partnerID: String, sector: Sector) {
        self.key = key
        self.partnerID = partnerID
        self.sector = sector
    }
}
