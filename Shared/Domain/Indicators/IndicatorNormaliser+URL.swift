extension IndicatorNormaliser {
    private static let defaultPorts = ["http": "80", "https": "443", "ftp": "21"]

    /// URL → scheme and host lower-cased (an IDN host kept as written, only lower-cased, and in
    /// ASCII (Punycode) form in the key, so a look-alike host and its `xn--` form are one key),
    /// default port dropped, fragment dropped, empty path written `/`, path and query kept
    /// byte for byte (they are case-sensitive on most servers). User info is kept: phishing
    /// uses `https://bank.example@evil.example/` and the text is part of the evidence.
    public func url(_ raw: String) throws(IndicatorFailure) -> CanonicalIndicator {
        let text = Refang.apply(raw)
        guard !text.contains(where: \.isWhitespace), !text.containsControlCharacters() else {
            throw .value("not a URL: contains spaces or control characters")
        }
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw .value("not an absolute URL: expected http://, https:// or ftp://")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard Self.defaultPorts[scheme] != nil else {
            throw .value("unsupported URL scheme \(scheme.quoted); expected http, https or ftp")
        }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        var rest = String(afterScheme[authorityEnd...])
        if let hash = rest.firstIndex(of: "#") { rest = String(rest[..<hash]) }
        if !rest.hasPrefix("/") { rest = "/" + rest }

        var userInfo = ""
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[...at])
            authority = authority[authority.index(after: at)...]
        }
        let (rawHost, rawPort) = try hostAndPort(authority)
        let (host, registrable) = try urlHost(rawHost)
        let port = rawPort.flatMap { $0 == Self.defaultPorts[scheme] ? nil : ":\($0)" } ?? ""
        let value = "\(scheme)://\(userInfo)\(host)\(port)\(rest)"
        let keyValue = "\(scheme)://\(userInfo)\(DomainName.ascii(host))\(port)\(rest)"
        return CanonicalIndicator(kind: .url, value: value, keyValue: keyValue, registrableDomain: registrable)
    }

    private func hostAndPort(_ authority: Substring) throws(IndicatorFailure) -> (host: Substring, port: String?) {
        let portSeparator: String.Index?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .value("not a URL: unclosed [ in host") }
            let afterClose = authority.index(after: close)
            guard afterClose == authority.endIndex || authority[afterClose] == ":" else {
                throw .value("not a URL: unexpected text after ]")
            }
            portSeparator = afterClose == authority.endIndex ? nil : afterClose
        } else {
            portSeparator = authority.lastIndex(of: ":")
        }
        guard let separator = portSeparator else { return (authority, nil) }
        let port = String(authority[authority.index(after: separator)...])
        guard port.isASCIIDigits, let number = Int(port), (1...65_535).contains(number) else {
            throw .value("not a URL: port must be a number from 1 to 65535")
        }
        return (authority[..<separator], String(number))
    }

    private func urlHost(_ host: Substring) throws(IndicatorFailure) -> (String, String?) {
        if host.hasPrefix("[") {
            guard let address = IPv6Address(String(host.dropFirst().dropLast())) else {
                throw .value("not a URL: invalid IPv6 address in host")
            }
            return ("[\(address)]", nil)
        }
        if host.allSatisfy({ $0.isASCIIDigit || $0 == "." }) {
            guard let address = IPv4Address(String(host)) else { throw .value("not a URL: invalid IPv4 address in host") }
            return (address.description, nil)
        }
        switch DomainName.parse(String(host)) {
        case .success(let name): return (name.text, registrableDomain(of: name.text))
        case .failure(let error): throw .value("not a URL: the host \(error.message)")
        }
    }
}
