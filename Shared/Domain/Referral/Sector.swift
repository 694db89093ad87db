/// The industry sectors that refer to the Online Crime Centre and can act on disruption requests.
public enum Sector: String, Sendable, Codable, CaseIterable, Comparable {
    case telco
    case tech
    case cyber
    case finance

    public static func < (lhs: Sector, rhs: Sector) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
