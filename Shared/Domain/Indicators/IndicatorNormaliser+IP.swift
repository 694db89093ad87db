extension IndicatorNormaliser {
    /// IPv4 address in dotted-quad form (defanged `1.2.3[.]4` accepted).
    public func ipv4(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        guard let address = IPv4Address(Refang.apply(raw)) else {
            throw .value("not an IPv4 address (four decimal octets 0–255, no leading zeros)")
        }
        return CanonicalIndicator(kind: .ipv4, value: address.description)
    }

    /// IPv6 address in RFC 5952 canonical text; surrounding brackets are allowed.
    public func ipv6(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        var text = Refang.apply(raw)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard let address = IPv6Address(text) else { throw .value("not an IPv6 address") }
        return CanonicalIndicator(kind: .ipv6, value: address.description)
    }
}
