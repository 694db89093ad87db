/// An agency team that receives taskings, e.g. `NCA_TICAT`. Open-ended (rules are data and
/// new teams are added by editing rules), so a checked string rather than an enum.
public struct TeamCode: RawRepresentable, Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Upper-case letters, digits and underscores, starting with a letter, at most 32.
    public var isWellFormed: Bool {
        guard let first = rawValue.first, first.isASCII, first.isUppercase, rawValue.count <= 32 else { return false }
        return rawValue.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }

    public static func < (lhs: TeamCode, rhs: TeamCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// NCA National Cyber Crime Unit: Triage, Incident Coordination and Tasking.
    public static let ncaTICAT: TeamCode = "NCA_TICAT"
    /// NCA international enquiries.
    public static let ncaInternational: TeamCode = "NCA_INTERNATIONAL"
    /// City of London Police Fraud Targeting Cell.
    public static let colpFTC: TeamCode = "COLP_FTC"
    /// City of London Police Report Fraud (crime recording and NFIB).
    public static let reportFraud: TeamCode = "REPORT_FRAUD"
    /// A Regional Organised Crime Unit.
    public static let rocu: TeamCode = "ROCU"
}
