import Foundation

/// A Swift value that can be read from a result cell in PostgreSQL's text format.
public protocol PostgresDecodable: Sendable {
    /// Builds the value from a cell; `text` is `nil` for SQL NULL. Throw `PostgresDecodingFailure`.
    static func decode(postgresText text: String?) throws(PostgresDecodingFailure) -> Self
}

/// Why a cell could not be decoded; the row adds the column name when it rethrows.
public enum PostgresDecodingFailure: Error, Sendable {
    case unexpectedNull
    case invalid(expected: String)
}

/// Decoders for non-optional types share the NULL check.
protocol PostgresTextDecodable: PostgresDecodable {
    static var postgresTypeName: String { get }
    init?(postgresNonNullText text: String)
}

extension PostgresTextDecodable {
    public static func decode(postgresText text: String?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .unexpectedNull }
        guard let value = Self(postgresNonNullText: text) else { throw .invalid(expected: postgresTypeName) }
        return value
    }
}

extension String: PostgresTextDecodable {
    static var postgresTypeName: String { "text" }
    init?(postgresNonNullText text: String) { self = text }
}
extension Int: PostgresTextDecodable {
    static var postgresTypeName: String { "integer" }
    init?(postgresNonNullText text: String) { self.init(text) }
}
extension Int64: PostgresTextDecodable {
    static var postgresTypeName: String { "bigint" }
    init?(postgresNonNullText text: String) { self.init(text) }
}
extension Int32: PostgresTextDecodable {
    static var postgresTypeName: String { "integer" }
    init?(postgresNonNullText text: String) { self.init(text) }
}
extension Int16: PostgresTextDecodable {
    static var postgresTypeName: String { "smallint" }
    init?(postgresNonNullText text: String) { self.init(text) }
}
extension Double: PostgresTextDecodable {
    static var postgresTypeName: String { "double precision" }
    init?(postgresNonNullText text: String) {
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default: self.init(text)
        }
    }
}
extension Bool: PostgresTextDecodable {
    static var postgresTypeName: String { "boolean" }
    init?(postgresNonNullText text: String) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}
extension UUID: PostgresTextDecodable {
    static var postgresTypeName: String { "uuid" }
    init?(postgresNonNullText text: String) { self.init(uuidString: text) }
}
extension Date: PostgresTextDecodable {
    static var postgresTypeName: String { "timestamptz" }
    init?(postgresNonNullText text: String) {
        guard let date = PostgresTimestamp.parse(text) else { return nil }
        self = date
    }
}
extension Data: PostgresTextDecodable {
    static var postgresTypeName: String { "bytea" }
    init?(postgresNonNullText text: String) {
        guard let bytes = PostgresBytea.parseHex(text) else { return nil }
        self.init(bytes)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: String?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { return nil }
        return try Wrapped.decode(postgresText: text)
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    public static func decode(postgresText text: String?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .unexpectedNull }
        guard let parts = PostgresArrayLiteral.decode(text) else { throw .invalid(expected: "array") }
        var out: [Element] = []
        out.reserveCapacity(parts.count)
        for part in parts { out.append(try Element.decode(postgresText: part)) }
        return out
    }
}

extension PostgresJSON: PostgresDecodable {
    public static func decode(postgresText text: String?) throws(PostgresDecodingFailure) -> Self {
        guard let text else { throw .unexpectedNull }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let value = try? decoder.decode(Value.self, from: Data(text.utf8)) else {
            throw .invalid(expected: "json \(Value.self)")
        }
        return PostgresJSON(value)
    }
}
