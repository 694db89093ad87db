extension STIXIndicatorBuilder {
    /// The STIX pattern matching exactly this canonical indicator; `STIXBundleMapper` reads
    /// every pattern written here back to the same indicator.
    public static func pattern(for indicator: CanonicalIndicator) -> String {
        let terms: [(String, String)]
        switch indicator.kind {
        case .phone: terms = [("x-occ-phone-number:value", indicator.value)]
        case .smsSenderID: terms = [("x-occ-sms-sender-id:value", indicator.value)]
        case .url: terms = [("url:value", indicator.value)]
        case .domain: terms = [("domain-name:value", indicator.value)]
        case .email: terms = [("email-addr:value", indicator.value)]
        case .ipv4: terms = [("ipv4-addr:value", indicator.value)]
        case .ipv6: terms = [("ipv6-addr:value", indicator.value)]
        case .iban: terms = [("x-occ-bank-account:iban", indicator.value)]
        case .ukBankAccount:
            let parts = indicator.value.split(separator: " ").map(String.init)
            terms = [("x-occ-bank-account:sort_code", parts.first ?? ""), ("x-occ-bank-account:account_number", parts.last ?? "")]
        case .cryptoWallet:
            terms = [("x-occ-crypto-wallet:chain", indicator.chain?.rawValue ?? ""), ("x-occ-crypto-wallet:address", indicator.value)]
        case .socialAccount:
            terms = [("user-account:account_type", indicator.platform?.rawValue ?? ""), ("user-account:account_login", indicator.value)]
        case .fileHash:
            let name = STIXObservables.hashAlgorithms.first { $0.code == indicator.hashAlgorithm?.rawValue }?.stix ?? "SHA-256"
            terms = [("file:hashes.'\(name)'", indicator.value)]
        }
        return "[" + terms.map { "\($0.0) = '\(escape($0.1))'" }.joined(separator: " AND ") + "]"
    }

    private static func escape(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
    }
}
