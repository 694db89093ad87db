extension JSONParser {
    /// Which numbers become `.integer` rather than `.number`.
    enum Integers {
        /// Those written as integers (no fraction, no exponent) that `Int` holds: `3` is an
        /// integer, `3.0` and `3e0` are not.
        case asWritten
        /// Also the whole numbers that `JSONDecoder` reads as an `Int` (`2500.0`, `1e+17`), as
        /// the old `JSONDecoder` path did. `JSONValue(encoding:)` needs this: fingerprints of its
        /// results are stored, and Swift writes whole Doubles from 2^53 up with an exponent.
        case likeJSONDecoder
    }

    /// Parses the number at `index`, which holds a minus sign or a digit.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        let negative = skip(UInt8(ascii: "-"))
        let digits = index
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw JSONSyntaxError(offset: index, reason: "expected a digit") }
        if skip(UInt8(ascii: "0")) {
            guard index == bytes.count || !Self.isDigit(bytes[index]) else { throw JSONSyntaxError(offset: start, reason: "leading zero") }
        } else {
            skipDigits()
        }
        var isInteger = true
        if skip(UInt8(ascii: ".")) {
            try skipDigits(orThrow: "expected a digit after the decimal point")
            isInteger = false
        }
        if skip(UInt8(ascii: "e")) || skip(UInt8(ascii: "E")) {
            _ = skip(UInt8(ascii: "+")) || skip(UInt8(ascii: "-"))
            try skipDigits(orThrow: "expected a digit in the exponent")
            isInteger = false
        }
        if isInteger, let integer = integer(digits..<index, negative: negative) {
            return .integer(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw JSONSyntaxError(offset: start, reason: "number out of range") }
        if integers == .likeJSONDecoder, let integer = decoderInteger(number, start..<index) {
            return .integer(integer)
        }
        return .number(number)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private mutating func skipDigits() {
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
    }

    private mutating func skipDigits(orThrow reason: String) throws(JSONSyntaxError) {
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw JSONSyntaxError(offset: index, reason: reason) }
        skipDigits()
    }

    /// The value of the decimal digits in `digits`, or nil when `Int` cannot hold it.
    private func integer(_ digits: Range<Int>, negative: Bool) -> Int? {
        var value = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[digits]) {
            let digit = Int(byte &- UInt8(ascii: "0"))
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            // Negatives are built downwards so that Int.min fits.
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = next
        }
        return value
    }

    /// The `Int` that `JSONDecoder` reads for `number`, written as `lexeme`, if any. As in
    /// swift-foundation's `_slowpath_unwrapFixedWidthInteger`: a whole Double below 2^53 is taken
    /// as it is; from 2^53 up, where Doubles are sparser than integers, the written decimal is
    /// read again and its fraction dropped.
    private func decoderInteger(_ number: Double, _ lexeme: Range<Int>) -> Int? {
        guard let integer = Int(exactly: number) else { return nil }
        return number.magnitude < 0x1p53 ? integer : truncatedDecimal(lexeme)
    }

    /// The whole part of the decimal `lexeme`, when `Int` holds its magnitude. Foundation's
    /// `Decimal` keeps 38 significant digits, more than `JSONEncoder` ever writes.
    private func truncatedDecimal(_ lexeme: Range<Int>) -> Int? {
        let text = UnsafeBufferPointer(rebasing: bytes[lexeme])
        let negative = text[0] == UInt8(ascii: "-")
        let exponentStart = text.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? text.endIndex
        let significand = text[..<exponentStart]
        let digits = significand.filter(Self.isDigit)
        // How many of `digits` stand before the decimal point once the exponent has moved it.
        var whole = (significand.firstIndex(of: UInt8(ascii: ".")) ?? exponentStart) - (negative ? 1 : 0)
        if exponentStart < text.endIndex {
            let exponentText = text[(exponentStart + 1)...]
            var exponent = 0
            for byte in exponentText where Self.isDigit(byte) {
                // Capped far beyond where the magnitude overflows, so the exponent cannot.
                exponent = min(exponent * 10 + Int(byte &- UInt8(ascii: "0")), 1_000_000)
            }
            whole += exponentText.first == UInt8(ascii: "-") ? -exponent : exponent
        }
        var magnitude = 0
        for position in 0..<max(whole, 0) {
            let digit = position < digits.count ? Int(digits[position] &- UInt8(ascii: "0")) : 0
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            magnitude = next
        }
        return negative ? -magnitude : magnitude
    }
}
