/// Who was harmed, as far as the referring partner knows.
public struct Victims: Sendable, Hashable, Codable {
    public let count: Int
    public let vulnerable: Bool
    /// Only given when `vulnerable`; nil means vulnerable to an unstated degree.
    public let vulnerabilityLevel: VulnerabilityLevel?
    /// The outward code of the victim's postcode (`M1`, `SW1A`): enough to find the police force
    /// and region, and no more of an address than routing needs.
    public let postcodeDistrict: String?

    public init(count: Int, vulnerable: Bool = false, vulnerabilityLevel: VulnerabilityLevel? = nil, postcodeDistrict: String? = nil) {
        self.count = count
        self.vulnerable = vulnerable
        self.vulnerabilityLevel = vulnerabilityLevel
        self.postcodeDistrict = postcodeDistrict
    }

    /// The postcode area: the district's leading letters (`M`, `SW`).
    public var postcodeArea: String? {
        postcodeDistrict.map { String($0.prefix { $0.isLetter }) }
    }

    private enum CodingKeys: String, CodingKey {
        case count, vulnerable
        case vulnerabilityLevel = "vulnerability_level"
        case postcodeDistrict = "postcode_district"
    }
}
