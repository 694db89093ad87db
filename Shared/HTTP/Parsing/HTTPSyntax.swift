/// Character classes of RFC 9110/9112, as lookup tables over bytes.
enum HTTPSyntax {
    /// `tchar`: the characters of methods and header names.
    static let token: [Bool] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }

    /// `field-content` characters: visible ASCII, space, tab and obs-text; never CR, LF, NUL or other controls.
    static let fieldValue: [Bool] = (0...255).map { byte in
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// Characters allowed in a request target: visible ASCII only.
    static let target: [Bool] = (0...255).map { byte in
        byte > 0x20 && byte < 0x7F
    }

    static func isToken<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { token[Int($0)] }
    }

    static func isFieldValue<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        bytes.allSatisfy { fieldValue[Int($0)] }
    }

    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
}
