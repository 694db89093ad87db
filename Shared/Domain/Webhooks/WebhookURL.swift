/// A partner's webhook endpoint as registered: `http://host[:port][/path][?query]`, at most 2,048
/// characters, no user information or fragment. Only `http` is accepted: the exchange has no TLS
/// client of its own (docs/webhooks.md says how to reach an `https` receiver).
public struct WebhookURL: Sendable, Hashable, CustomStringConvertible {
    public static let maxLength = 2048

    /// Lower-cased host name, or an IP literal without brackets.
    public let host: String
    public let port: Int
    /// Path and query, as sent in the request line.
    public let target: String

    public init(_ text: String) throws(WebhookURLError) {
        guard text.utf8.count <= Self.maxLength else { throw .tooLong }
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { throw .invalidCharacters }
        let lower = text.lowercased()
        if lower.hasPrefix("https://") { throw .httpsUnsupported }
        guard lower.hasPrefix("http://") else { throw .scheme }
        let rest = text.dropFirst("http://".count)
        guard !rest.contains("#") else { throw .fragment }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { throw .userInfo }
        let path = rest[authorityEnd...]
        target = path.isEmpty ? "/" : path.hasPrefix("?") ? "/" + path : String(path)
        (host, port) = try Self.hostAndPort(String(authority))
    }

    private static func hostAndPort(_ authority: String) throws(WebhookURLError) -> (String, Int) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .host }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            guard IPv6Address(host) != nil else { throw .host }
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .host }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        }
        host = host.lowercased()
        let label = /[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?/
        guard !host.isEmpty, host.utf8.count <= 253,
              IPv6Address(host) != nil
                || host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ $0.wholeMatch(of: label) != nil })
        else { throw .host }
        guard let portText else { return (host, 80) }
        guard (1...5).contains(portText.count), portText.allSatisfy(\.isASCII), let port = Int(portText), (1...65535).contains(port)
        else { throw .port }
        return (host, port)
    }

    /// The `Host` header value: the host (bracketed if IPv6) and a port other than 80.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    public var description: String { "http://\(hostHeader)\(target)" }
}

/// Why a webhook URL was refused; `description` is the message callers show.
public enum WebhookURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLong, invalidCharacters, httpsUnsupported, scheme, fragment, userInfo, host, port

    public var description: String {
        switch self {
        case .tooLong: "url must be at most \(WebhookURL.maxLength) characters"
        case .invalidCharacters: "url must be printable ASCII without spaces (percent-encode anything else)"
        case .httpsUnsupported: "https URLs are not supported yet: register an http URL of a TLS-originating egress proxy (docs/webhooks.md)"
        case .scheme: "url must start with http://"
        case .fragment: "url must not have a #fragment"
        case .userInfo: "url must not carry user information (user:password@)"
        case .host: "url must name a host: a DNS name, an IPv4 address or a bracketed IPv6 address"
        case .port: "url port must be 1 to 65535"
        }
    }
}
