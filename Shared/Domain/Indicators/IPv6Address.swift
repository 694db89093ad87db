/// An IPv6 address, printed in the RFC 5952 canonical text form.
public struct IPv6Address: Sendable, Hashable, CustomStringConvertible {
    public let groups: [UInt16]

    /// Parses any RFC 4291 text form: `::` compression, leading zeros, an embedded IPv4 tail.
    /// Zone identifiers (`%eth0`) are refused: they name an interface, not an address.
    public init?(_ text: String) {
        guard !text.isEmpty, !text.contains("%"), text.allSatisfy(\.isASCII) else { return nil }
        let halves = text.components(separatedByString: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = Self.parseGroups(halves[0], allowIPv4Tail: halves.count == 1),
              let tail = halves.count == 2 ? Self.parseGroups(halves[1], allowIPv4Tail: true) : []
        else { return nil }
        let missing = 8 - head.count - tail.count
        if halves.count == 2 {
            // "::" stands for at least one zero group.
            guard missing >= 1 else { return nil }
            groups = head + [UInt16](repeating: 0, count: missing) + tail
        } else {
            guard missing == 0 else { return nil }
            groups = head
        }
    }

    private static func parseGroups(_ text: String, allowIPv4Tail: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowIPv4Tail, part.contains(".") {
                guard let v4 = IPv4Address(String(part)) else { return nil }
                groups.append(UInt16(v4.octets[0]) << 8 | UInt16(v4.octets[1]))
                groups.append(UInt16(v4.octets[2]) << 8 | UInt16(v4.octets[3]))
            } else {
                guard (1...4).contains(part.count), let group = UInt16(part, radix: 16) else { return nil }
                groups.append(group)
            }
        }
        return groups
    }

    /// RFC 5952 §4: lower-case hex without leading zeros; the longest run of two or more zero
    /// groups (the first, on a tie) becomes `::`. IPv4-mapped addresses keep the dotted tail (§5).
    public var description: String {
        if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xffff {
            let tail = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]
            return "::ffff:" + tail.map { String($0) }.joined(separator: ".")
        }
        var best: Range<Int>?
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start >= 2, (best.map { index - start > $0.count } ?? true) { best = start..<index }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let run = best else { return hex.joined(separator: ":") }
        return hex[..<run.lowerBound].joined(separator: ":") + "::" + hex[run.upperBound...].joined(separator: ":")
    }
}

extension String {
    /// Splits on a multi-character separator, keeping empty pieces.
    func components(separatedByString separator: String) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
