import Foundation

/// A strict RFC 8259 parser from UTF-8 bytes to `JSONValue`. Written by hand because going
/// through `JSONDecoder` and `JSONValue`'s `Decodable` conformance cost the intake service about
/// a third of its CPU. It loops over an explicit stack of open containers instead of recursing,
/// so hostile nesting meets `maximumDepth`, never the end of the thread's stack.
struct JSONParser {
    /// As deep as `JSONDecoder` allows.
    static let maximumDepth = 512

    /// Valid only while a `parse` call runs; the initialiser is private so no parser outlives it.
    let bytes: UnsafeBufferPointer<UInt8>
    let integers: Integers
    var index = 0
    /// Reused by every string with escapes, so they cost no allocation each.
    var scratch: [UInt8] = []

    /// One array or object still open.
    private struct Container {
        let isObject: Bool
        var elements: [JSONValue] = []
        var members: [String: JSONValue] = [:]
        /// The member whose value is being parsed.
        var key = ""
    }

    static func parse(_ data: Data, integers: Integers = .asWritten) throws(JSONSyntaxError) -> JSONValue {
        try data.withUnsafeBytes { raw in
            Result { () throws(JSONSyntaxError) in
                try parse(raw.assumingMemoryBound(to: UInt8.self), integers: integers)
            }
        }.get()
    }

    static func parse(_ bytes: [UInt8], integers: Integers = .asWritten) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try parse(buffer, integers: integers) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, integers: Integers = .asWritten) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, integers: integers)
        return try parser.parseDocument()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, integers: Integers) {
        self.bytes = bytes
        self.integers = integers
    }

    /// One value and only whitespace after it.
    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        var open: [Container] = []
        nextValue: while true {
            skipWhitespace()
            guard index < bytes.count else { throw JSONSyntaxError(offset: index, reason: "unexpected end of input") }
            var value: JSONValue
            switch bytes[index] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let isObject = bytes[index] == UInt8(ascii: "{")
                guard open.count < Self.maximumDepth else {
                    throw JSONSyntaxError(offset: index, reason: "nesting deeper than \(Self.maximumDepth)")
                }
                index += 1
                skipWhitespace()
                guard !skip(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    value = isObject ? .object([:]) : .array([])
                    break
                }
                var container = Container(isObject: isObject)
                if isObject { container.key = try parseKey() }
                open.append(container)
                continue nextValue
            default:
                value = try parseScalar()
            }

            // Hand the value to its container, closing every container that ends here.
            while true {
                skipWhitespace()
                let last = open.count - 1
                guard last >= 0 else {
                    guard index == bytes.count else { throw JSONSyntaxError(offset: index, reason: "unexpected character after the value") }
                    return value
                }
                if open[last].isObject {
                    // Parsers disagree on which repeated member wins, so a repeated name is ambiguous: refuse it.
                    guard open[last].members.updateValue(value, forKey: open[last].key) == nil else {
                        throw JSONSyntaxError(offset: index, reason: "a member name repeats in one object")
                    }
                } else {
                    open[last].elements.append(value)
                }
                if skip(UInt8(ascii: ",")) {
                    if open[last].isObject {
                        skipWhitespace()
                        open[last].key = try parseKey()
                    }
                    continue nextValue
                }
                let isObject = open[last].isObject
                guard skip(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw JSONSyntaxError(offset: index, reason: isObject ? "expected ',' or '}'" : "expected ',' or ']'")
                }
                let closed = open.removeLast()
                value = isObject ? .object(closed.members) : .array(closed.elements)
            }
        }
    }

    /// A member's name and the colon after it.
    private mutating func parseKey() throws(JSONSyntaxError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw JSONSyntaxError(offset: index, reason: "expected a string key")
        }
        let key = try parseString()
        skipWhitespace()
        guard skip(UInt8(ascii: ":")) else { throw JSONSyntaxError(offset: index, reason: "expected ':'") }
        return key
    }

    private mutating func parseScalar() throws(JSONSyntaxError) -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        default: throw JSONSyntaxError(offset: index, reason: "unexpected character")
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let matches = literal.withUTF8Buffer { expected in
            bytes.count - index >= expected.count && expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw JSONSyntaxError(offset: index, reason: "unexpected character") }
        index += literal.utf8CodeUnitCount
    }

    /// Consumes `expected` if it is the next byte.
    mutating func skip(_ expected: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == expected else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }
}
