extension IndicatorNormaliser {
    /// Adds the registrable domain to a URL, domain or e-mail indicator that was validated
    /// without a Public Suffix List (intake validates; enrichment holds the list). Other
    /// kinds, and any indicator this normaliser cannot re-read, come back unchanged.
    public func enriched(_ indicator: CanonicalIndicator) -> CanonicalIndicator {
        let host: String?
        switch indicator.kind {
        case .domain: host = indicator.value
        case .email: host = indicator.value.split(separator: "@").last.map(String.init)
        case .url: host = urlHost(of: indicator.value)
        default: host = nil
        }
        guard let host else { return indicator }
        return indicator.with(registrableDomain: registrableDomain(of: host))
    }

    /// The domain host of a canonical URL (`scheme://[userinfo@]host[:port]/…`); nil for IP hosts.
    private func urlHost(of canonical: String) -> String? {
        guard let start = canonical.firstRange(of: "://")?.upperBound else { return nil }
        var authority = canonical[start...].prefix { $0 != "/" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host = String(authority.prefix { $0 != ":" })
        return host.hasPrefix("[") || IPv4Address(host) != nil ? nil : host
    }
}

extension CanonicalIndicator {
    func with(registrableDomain: String?) -> CanonicalIndicator {
        CanonicalIndicator(
            kind: kind, value: value, key: key, aliases: aliases, registrableDomain: registrableDomain,
            countryCode: countryCode, chain: chain, platform: platform, hashAlgorithm: hashAlgorithm,
            checksumVerified: checksumVerified, note: note)
    }
}
