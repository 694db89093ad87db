extension IndicatorNormaliser {
    /// Domain name → lower-case, trailing dot dropped, label syntax checked, and the registrable
    /// domain (`login.example.co.uk` → `example.co.uk`) when a Public Suffix List was given.
    /// The value keeps an IDN as written; the key is its ASCII (Punycode) form.
    public func domain(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        let text = Refang.apply(raw)
        guard IPv4Address(text) == nil else { throw .value("is an IPv4 address: use kind ipv4") }
        let name: DomainName
        switch DomainName.parse(text) {
        case .success(let parsed): name = parsed
        case .failure(let error): throw .value("not a valid domain name: \(error.message)")
        }
        return CanonicalIndicator(
            kind: .domain, value: name.text, keyValue: name.asciiText, registrableDomain: registrableDomain(of: name.text))
    }

    func registrableDomain(of host: String) -> String? {
        publicSuffixes?.registrableDomain(of: host)
    }
}
