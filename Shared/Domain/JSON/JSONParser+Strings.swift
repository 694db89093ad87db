extension JSONParser {
    /// Parses the string whose opening quote is at `index`, leaving `index` after its closing quote.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = index
        index += 1
        let start = index
        var allBits: UInt8 = 0
        // Most strings have no escapes: they become a String straight from the input.
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let text = try makeString(UnsafeBufferPointer(rebasing: bytes[start..<index]), quote: quote, isASCII: allBits < 0x80)
                index += 1
                return text
            case UInt8(ascii: "\\"):
                return try parseEscapedString(from: start, quote: quote, isASCII: allBits < 0x80)
            case ..<0x20:
                throw JSONSyntaxError(offset: index, reason: "control character in string")
            default:
                allBits |= byte
                index += 1
            }
        }
        throw JSONSyntaxError(offset: quote, reason: "unterminated string")
    }

    /// The rest of a string with escapes, decoded into `scratch`. Escapes only ever add whole
    /// scalars, which cannot complete a broken UTF-8 sequence, so checking the decoded bytes
    /// checks the input, and only input that is not all ASCII needs it.
    private mutating func parseEscapedString(from start: Int, quote: Int, isASCII: Bool) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var run = start
        var allBits: UInt8 = isASCII ? 0 : 0x80
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                index += 1
                return try scratch.withUnsafeBufferPointer { decoded throws(JSONSyntaxError) in
                    try makeString(decoded, quote: quote, isASCII: allBits < 0x80)
                }
            case UInt8(ascii: "\\"):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                try parseEscape()
                run = index
            case ..<0x20:
                throw JSONSyntaxError(offset: index, reason: "control character in string")
            default:
                allBits |= byte
                index += 1
            }
        }
        throw JSONSyntaxError(offset: quote, reason: "unterminated string")
    }

    /// Decoding replaces invalid UTF-8 with U+FFFD, so a string whose bytes differ from its input
    /// was not valid. (`String(validating:)` is generic and unspecialised: a quarter of the time.)
    private func makeString(_ utf8: UnsafeBufferPointer<UInt8>, quote: Int, isASCII: Bool) throws(JSONSyntaxError) -> String {
        let text = String(decoding: utf8, as: UTF8.self)
        guard isASCII || text.utf8.elementsEqual(utf8) else {
            throw JSONSyntaxError(offset: quote, reason: "invalid UTF-8 in string")
        }
        return text
    }

    /// Appends the character that the escape at `index` stands for to `scratch`.
    private mutating func parseEscape() throws(JSONSyntaxError) {
        let backslash = index
        index += 1
        guard index < bytes.count else { throw JSONSyntaxError(offset: backslash, reason: "unterminated string") }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape(backslash)
            UTF8.encode(scalar) { scratch.append($0) }
        default: throw JSONSyntaxError(offset: backslash, reason: "invalid escape")
        }
    }

    /// The scalar of `\uXXXX`, or of a `\uXXXX\uXXXX` surrogate pair, whose hex digits start at `index`.
    private mutating func parseUnicodeEscape(_ backslash: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
        var value = try parseHexQuad(backslash)
        if (0xD800...0xDBFF).contains(value) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONSyntaxError(offset: backslash, reason: "unpaired surrogate")
            }
            index += 2
            let low = try parseHexQuad(backslash)
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONSyntaxError(offset: backslash, reason: "unpaired surrogate") }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        }
        // Only a low surrogate on its own is left that is not a scalar.
        guard let scalar = Unicode.Scalar(value) else { throw JSONSyntaxError(offset: backslash, reason: "unpaired surrogate") }
        return scalar
    }

    private mutating func parseHexQuad(_ backslash: Int) throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw JSONSyntaxError(offset: backslash, reason: "invalid \\u escape") }
        var value: UInt32 = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[index..<index + 4]) {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONSyntaxError(offset: backslash, reason: "invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }
}
