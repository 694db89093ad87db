/// An amount of money as an exact decimal string plus an ISO 4217 currency. Never a Double:
/// losses are reported to the penny and summed by the database as `numeric`.
public struct Money: Sendable, Hashable, Codable {
    /// Canonical decimal text with exactly the currency's minor-unit digits: `1250.00`, `300` (JPY).
    public let amount: String
    public let currency: String

    /// Parses a decimal string such as `1250.5` in `GBP`; see `Money.Problem` for what is refused.
    public static func parse(amount: String, currency: String, maximumMajorUnits: Int64) -> Result<Money, Problem> {
        guard let minorDigits = ISO4217.minorUnitDigits[currency] else {
            return .failure(.currency("not an ISO 4217 currency code (e.g. GBP, EUR, USD)"))
        }
        let parts = amount.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty
        else {
            return .failure(.amount("must be a decimal string such as \"1250.00\" (digits, optional decimal point, no sign or separators)"))
        }
        guard fraction.count <= minorDigits else {
            return .failure(.amount("has \(fraction.count) decimal places; \(currency) allows \(minorDigits)"))
        }
        let trimmedWhole = whole.drop { $0 == "0" }
        guard trimmedWhole.count <= 18, let major = Int64(trimmedWhole.isEmpty ? "0" : String(trimmedWhole)),
              major < maximumMajorUnits || (major == maximumMajorUnits && fraction.allSatisfy { $0 == "0" })
        else {
            return .failure(.amount("exceeds the maximum of \(maximumMajorUnits) \(currency)"))
        }
        let paddedFraction = fraction + String(repeating: "0", count: minorDigits - fraction.count)
        let canonical = minorDigits == 0 ? "\(major)" : "\(major).\(paddedFraction)"
        return .success(Money(amount: canonical, currency: currency))
    }

    /// Why an amount was refused, by the field at fault.
    public enum Problem: Error, Sendable, Hashable {
        case amount(String)
        case currency(String)
    }

    /// The amount in the currency's minor units (pence for GBP); exact for every accepted value.
    public var minorUnits: Int64 {
        Int64(amount.filter(\.isASCIIDigit)) ?? 0
    }

    /// The amount in major units, approximate: for scoring only, never for sums.
    public var approximateMajorUnits: Double {
        Double(amount) ?? 0
    }

    private init(amount: String, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    private enum CodingKeys: String, CodingKey {
        case amount, currency
    }

    /// Decoding re-validates, so a stored or queued value can never hold a malformed amount.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount = try container.decode(String.self, forKey: .amount)
        let currency = try container.decode(String.self, forKey: .currency)
        switch Self.parse(amount: amount, currency: currency, maximumMajorUnits: Int64.max / 1_000) {
        case .success(let money): self = money
        case .failure:
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "invalid money amount")
        }
    }
}

extension Character {
    var isASCIIDigit: Bool {
        isASCII && isNumber
    }
}

extension Money {
    /// The amount in GBP, approximate (for scoring and routing only): as is for GBP, converted at
    /// `gbpPerUnit` otherwise; nil for another currency without a rate.
    public func approximateGBP(gbpPerUnit: Double?) -> Double? {
        if currency == "GBP" { return approximateMajorUnits }
        return gbpPerUnit.map { approximateMajorUnits * $0 }
    }
}
