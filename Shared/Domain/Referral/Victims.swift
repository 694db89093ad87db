/// Who was harmed, as far as the referring partner knows.
public struct Victims: Sendable, Hashable, Codable {
    public let count: Int
    public let vulnerable: Bool
    /// Only given when `vulnerable`; nil means vulnerable to an unstated degree.
    public let vulnerabilityLevel: VulnerabilityLevel?

    public init(count: Int, vulnerable: Bool = false, vulnerabilityLevel: VulnerabilityLevel? = nil) {
        self.count = count
        self.vulnerable = vulnerable
        self.vulnerabilityLevel = vulnerabilityLevel
    }

    private enum CodingKeys: String, CodingKey {
        case count, vulnerable
        case vulnerabilityLevel = "vulnerability_level"
    }
}
