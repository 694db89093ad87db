/// A review period as operators write it: a whole number and a unit, `6y`, `18m`, `90d` or `2w`.
public struct RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable {
        case years = "y", months = "m", weeks = "w", days = "d"

        var name: String {
            switch self {
            case .years: "years"
            case .months: "months"
            case .weeks: "weeks"
            case .days: "days"
            }
        }
    }

    public let count: Int
    public let unit: Unit

    /// Longest period accepted: a century, the longest MoPI keeps anything.
    static let maximumYears = 100

    /// Nil unless `text` is 1 to 4 digits and a unit, and no longer than a century.
    public init?(_ text: String) {
        guard let last = text.last, let unit = Unit(rawValue: String(last)) else { return nil }
        let digits = text.dropLast()
        guard (1...4).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let count = Int(digits), count > 0 else { return nil }
        let century: Int
        switch unit {
        case .years: century = Self.maximumYears
        case .months: century = Self.maximumYears * 12
        case .weeks: century = Self.maximumYears * 5_218 / 100
        case .days: century = Self.maximumYears * 36_525 / 100
        }
        guard count <= century else { return nil }
        self.count = count
        self.unit = unit
    }

    /// PostgreSQL interval input, e.g. `6 years`.
    public var intervalText: String { "\(count) \(unit.name)" }

    public var description: String { "\(count)\(unit.rawValue)" }
}
