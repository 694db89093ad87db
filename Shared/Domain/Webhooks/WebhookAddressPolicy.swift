/// Decides whether the exchange may connect to the addresses a webhook host resolved to
/// (server-side request forgery defence). The check runs on the resolved addresses and the
/// connection then goes to the address that passed, so a name cannot point at one place when
/// checked and another when used. One denied address refuses the whole destination: a name that
/// mixes public and internal records is not to be trusted.
public enum WebhookAddressPolicy: Sendable {
    /// The address to connect to (the first resolved), or why the destination is refused.
    public static func choose(_ addresses: [String], allowLoopback: Bool) -> Result<String, WebhookAddressRefusal> {
        guard let first = addresses.first else { return .failure(.unresolved) }
        for address in addresses {
            if let reason = denial(address, allowLoopback: allowLoopback) {
                return .failure(.denied(address: address, reason: reason))
            }
        }
        return .success(first)
    }

    /// Why `address` may not be connected to; nil when it may.
    public static func denial(_ address: String, allowLoopback: Bool) -> String? {
        if let v4 = IPv4Address(address) { return denial(v4: v4.octets, allowLoopback: allowLoopback) }
        guard let v6 = IPv6Address(address) else { return "not an IP address" }
        let g = v6.groups
        if g[0..<6].allSatisfy({ $0 == 0 }) || (g[0..<5].allSatisfy({ $0 == 0 }) && g[5] == 0xffff) {
            // ::a.b.c.d (deprecated compatible), ::ffff:a.b.c.d (mapped): judged as the IPv4 address,
            // except :: and ::1 themselves.
            if g[0..<7].allSatisfy({ $0 == 0 }) && g[7] <= 1 {
                return g[7] == 1 ? (allowLoopback ? nil : "loopback") : "unspecified"
            }
            if g[5] == 0 { return "IPv4-compatible (deprecated)" }
            let octets = [UInt8(g[6] >> 8), UInt8(g[6] & 0xff), UInt8(g[7] >> 8), UInt8(g[7] & 0xff)]
            return denial(v4: octets, allowLoopback: allowLoopback)
        }
        if g[0] == 0x64 && g[1] == 0xff9b && g[2...5].allSatisfy({ $0 == 0 }) {
            // NAT64 well-known prefix: the gateway connects to the embedded IPv4 address.
            let octets = [UInt8(g[6] >> 8), UInt8(g[6] & 0xff), UInt8(g[7] >> 8), UInt8(g[7] & 0xff)]
            return denial(v4: octets, allowLoopback: allowLoopback)
        }
        if g[0] & 0xfe00 == 0xfc00 { return "unique local (private)" }
        if g[0] & 0xffc0 == 0xfe80 { return "link-local" }
        if g[0] & 0xffc0 == 0xfec0 { return "site-local (private)" }
        if g[0] & 0xff00 == 0xff00 { return "multicast" }
        if g[0] == 0x2001 && g[1] == 0x0db8 { return "documentation" }
        if g[0] == 0x0100 && g[1...3].allSatisfy({ $0 == 0 }) { return "discard-only" }
        return nil
    }

    private static func denial(v4 o: [UInt8], allowLoopback: Bool) -> String? {
        switch (o[0], o[1], o[2]) {
        case (127, _, _): allowLoopback ? nil : "loopback"
        case (0, _, _): "this network"
        case (10, _, _), (172, 16...31, _), (192, 168, _): "private"
        case (100, 64...127, _): "shared address space (carrier-grade NAT)"
        case (169, 254, _): "link-local"
        case (192, 0, 0): "IETF protocol assignments"
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): "documentation"
        case (198, 18...19, _): "benchmarking"
        case (224...239, _, _): "multicast"
        case (240...255, _, _): "reserved or broadcast"
        default: nil
        }
    }
}

/// Why a webhook destination was refused.
public enum WebhookAddressRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case unresolved
    case denied(address: String, reason: String)

    public var description: String {
        switch self {
        case .unresolved: "the host resolved to no address"
        case .denied(let address, let reason): "the host resolved to \(address), a \(reason) address, which webhooks may not reach"
        }
    }
}
