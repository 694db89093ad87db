/// STIX 2.1 identifiers (§2.9): `<object type>--<RFC 4122 UUID>`, and object type names (§3.1).
enum STIXIdentifier {
    /// Why `text` is not an identifier (of an object of type `expected`, when given); nil if it is one.
    static func problem(_ text: String, expectedType expected: String? = nil) -> String? {
        guard let separator = text.range(of: "--") else {
            return "\(text.quoted) is not a STIX identifier: expected <type>--<UUID>"
        }
        let type = String(text[..<separator.lowerBound])
        let uuid = String(text[separator.upperBound...])
        if let problem = typeProblem(type) { return "\(text.quoted) is not a STIX identifier: \(problem)" }
        if let expected, type != expected {
            return "\(text.quoted) does not name an object of type \(expected.quoted): the prefix must be \((expected + "--").quoted)"
        }
        guard isUUID(uuid) else {
            return "\(text.quoted) is not a STIX identifier: \(uuid.quoted) is not an RFC 4122 UUID"
        }
        return nil
    }

    /// Why `type` is not a STIX type name (3–250 of a–z, 0–9 and '-', starting with a letter or digit,
    /// no '--'); nil if it is one.
    static func typeProblem(_ type: String) -> String? {
        let bytes = Array(type.utf8)
        let allowed = bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
        guard (3...250).contains(bytes.count), allowed, bytes.first != 45, bytes.last != 45, !type.contains("--") else {
            return "type \(type.quoted) must be 3 to 250 characters of a-z, 0-9 and single hyphens"
        }
        return nil
    }

    /// 8-4-4-4-12 hex digits with an RFC 4122 variant (8, 9, a or b) and a version from 1 to 8.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == 45 else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        let version = bytes[14], variant = bytes[19] | 0x20
        return (49...56).contains(version) && [56, 57, 97, 98].contains(variant)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte | 0x20)
    }
}
