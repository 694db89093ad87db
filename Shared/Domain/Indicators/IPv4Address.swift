/// An IPv4 address in strict dotted-quad form. Leading zeros are refused because some
/// parsers read `010` as octal, so the same text could name two addresses.
public struct IPv4Address: Sendable, Hashable, CustomStringConvertible {
    public let octets: [UInt8]

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), String(part).isASCIIDigits,
                  part == "0" || !part.hasPrefix("0"), let octet = UInt8(part)
            else { return nil }
            octets.append(octet)
        }
        self.octets = octets
    }

    public var description: String {
        octets.map(String.init).joined(separator: ".")
    }
}
