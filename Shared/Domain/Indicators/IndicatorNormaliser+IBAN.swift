extension IndicatorNormaliser {
    /// IBAN → electronic format (upper case, no spaces), after checking the country's length
    /// (SWIFT IBAN registry) and the ISO 13616 mod-97 check digits. A GB IBAN also correlates
    /// with its sort code and account number (`aliases`).
    public func iban(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        let text = raw.filter { !$0.isWhitespace && $0 != "-" }.uppercased()
        guard text.count >= 5, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw .value("not an IBAN: expected a country code, two check digits and letters or digits")
        }
        let country = String(text.prefix(2))
        guard country.allSatisfy(\.isLetter), text.dropFirst(2).prefix(2).allSatisfy(\.isNumber) else {
            throw .value("not an IBAN: must start with a two-letter country code and two check digits")
        }
        guard let length = IBANRegistry.lengths[country] else {
            throw .value("not an IBAN: '\(country)' is not a country in the IBAN registry")
        }
        guard text.count == length else {
            throw .value("not a valid IBAN length: \(country) IBANs have \(length) characters, got \(text.count)")
        }
        guard Self.ibanRemainder(text) == 1 else { throw .value("not a valid IBAN checksum") }
        var aliases: [String] = []
        if country == "GB" {
            // GB IBAN: GBkk BBBB SSSSSS AAAAAAAA (bank code, sort code, account number).
            let sortCode = String(text.dropFirst(8).prefix(6))
            let account = String(text.suffix(8))
            if sortCode.isASCIIDigits, account.isASCIIDigits {
                aliases.append("\(IndicatorKind.ukBankAccount.rawValue):\(Self.ukAccountValue(sortCode: sortCode, account: account))")
            }
        }
        return CanonicalIndicator(kind: .iban, value: text, aliases: aliases, countryCode: country)
    }

    /// ISO 7064 MOD 97-10 over the rearranged IBAN, letters as 10–35, computed piecewise.
    private static func ibanRemainder(_ iban: String) -> Int {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            guard let value = character.isASCIIDigit ? character.wholeNumberValue : Self.letterValue(character) else {
                return -1
            }
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97
        }
        return remainder
    }

    private static func letterValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ascii) else { return nil }
        return Int(ascii - UInt8(ascii: "A")) + 10
    }
}
