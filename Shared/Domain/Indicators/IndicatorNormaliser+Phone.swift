extension IndicatorNormaliser {
    /// Phone number → E.164 (`+447700900123`), with UK defaults: `07700 900123`,
    /// `0044 7700 900123` and `+44 (0)7700 900123` all give `+447700900123`.
    /// Spaces, dashes, dots, slashes and brackets are ignored; letters and extensions are refused.
    /// UK numbers must have a 9- or 10-digit national number (10 for mobiles, 07…); any number
    /// must have 7–15 digits in all (E.164 allows at most 15).
    public func phone(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        var text = raw.trimmingWhitespace()
        if text.hasPrefix("+") || text.hasPrefix("00") {
            // The "(0)" trunk hint written after a country code is not dialled internationally.
            text = text.replacing("(0)", with: "")
        }
        let separators: Set<Character> = [" ", "-", ".", "/", "(", ")", "\u{00A0}"]
        text.removeAll { separators.contains($0) }
        guard !text.contains(where: \.isLetter) else {
            throw .value("contains letters; give digits only (no extensions or vanity numbers)")
        }
        let international: String
        if text.hasPrefix("+") {
            international = String(text.dropFirst())
        } else if text.hasPrefix("00") {
            international = String(text.dropFirst(2))
        } else if text.hasPrefix("0") {
            international = "44" + text.dropFirst()
        } else if text.hasPrefix("44"), text.count == 12 {
            international = text
        } else {
            throw .value("not a UK number (starting 0) or an international number (starting + or 00)")
        }
        guard international.isASCIIDigits else { throw .value("contains characters other than digits") }
        guard !international.hasPrefix("0") else { throw .value("country code cannot start with 0") }
        let digits = international.hasPrefix("440") ? "44" + international.dropFirst(3) : international
        if digits.hasPrefix("44") { try Self.checkUKNationalNumber(String(digits.dropFirst(2))) }
        guard (7...15).contains(digits.count) else {
            throw .value("has \(digits.count) digits; an international number has 7 to 15")
        }
        return CanonicalIndicator(kind: .phone, value: "+" + digits, countryCode: digits.hasPrefix("44") ? "GB" : nil)
    }

    private static func checkUKNationalNumber(_ national: String) throws(IndicatorFailure) {
        guard let first = national.first, "1235789".contains(first) else {
            throw .value("not a valid UK number: UK numbers start 01, 02, 03, 05, 07, 08 or 09")
        }
        if first == "7" {
            guard national.count == 10 else {
                throw .value("not a valid UK mobile number: 07 numbers have 11 digits")
            }
        } else if !(9...10).contains(national.count) {
            throw .value("not a valid UK number: expected 10 or 11 digits including the leading 0")
        }
    }
}
