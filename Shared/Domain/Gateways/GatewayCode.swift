/// A lawful gateway's stable code, e.g. `cca_2013_s7`. Gateways are rows of the registry (data,
/// edited with `occ gateways`), so a code is a checked string rather than an enum: a referral
/// names one by syntax here and intake looks it up in the registry.
public struct GatewayCode: RawRepresentable, Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// A checked code, or nil when `text` is not lower-case letters, digits and underscores
    /// (starting with a letter, 2 to 64 characters).
    public init?(checking text: String) {
        guard Self.isWellFormed(text) else { return nil }
        self.rawValue = text
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func isWellFormed(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLowercase, (2...64).contains(text.count) else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }

    public static func < (lhs: GatewayCode, rhs: GatewayCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
