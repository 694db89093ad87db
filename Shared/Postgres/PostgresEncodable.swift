import Foundation

/// A Swift value that can be bound as a query parameter.
///
/// Values travel in PostgreSQL's text format (the server infers the type from the statement),
/// except where binary is cheaper (bytea), so every parameter stays out of the SQL text.
public protocol PostgresEncodable: Sendable {
    /// Text-format representation; `nil` binds SQL NULL.
    var postgresText: String? { get }
    /// Binary-format bytes when cheaper than text; `nil` means use `postgresText`.
    var postgresBinary: [UInt8]? { get }
}

extension PostgresEncodable {
    public var postgresBinary: [UInt8]? { nil }
}

extension String: PostgresEncodable { public var postgresText: String? { self } }
extension Substring: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int64: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int32: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int16: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Double: PostgresEncodable {
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return "\(self)"
    }
}
extension Bool: PostgresEncodable { public var postgresText: String? { self ? "t" : "f" } }
extension UUID: PostgresEncodable { public var postgresText: String? { uuidString.lowercased() } }
extension Date: PostgresEncodable { public var postgresText: String? { PostgresTimestamp.format(self) } }

extension Data: PostgresEncodable {
    public var postgresText: String? { PostgresBytea.hexText(Array(self)) }
    public var postgresBinary: [UInt8]? { Array(self) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self.flatMap { $0.postgresText } }
    public var postgresBinary: [UInt8]? { self.flatMap { $0.postgresBinary } }
}

/// A JSON document bound as text for a `json`/`jsonb` parameter or decoded from one.
public struct PostgresJSON<Value: Codable & Sendable>: PostgresEncodable {
    public var value: Value
    public init(_ value: Value) { self.value = value }

    public var postgresText: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// An array bound in PostgreSQL's array literal syntax, for `unnest($1::text[])` bulk statements.
extension Array: PostgresEncodable where Element: PostgresEncodable {
    public var postgresText: String? { PostgresArrayLiteral.encode(self.map { $0.postgresText }) }
}
