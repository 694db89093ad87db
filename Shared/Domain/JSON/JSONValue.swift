import Foundation

/// A JSON document as a value tree. Request bodies are decoded into this first so that a
/// wrong type becomes a field-path error instead of an opaque `DecodingError`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses strict JSON text (RFC 8259). Throws a `JSONSyntaxError` only for text that is not
    /// JSON at all (a 400, not a 422). Only numbers written as integers become `.integer`.
    public init(parsing data: Data) throws {
        self = try JSONParser.parse(data)
    }

    /// Parses strict JSON text, as `init(parsing:)` with `Data` does.
    public init(parsing bytes: [UInt8]) throws {
        self = try JSONParser.parse(bytes)
    }

    /// The JSON form of any `Encodable` value, through its own `CodingKeys`. Whole numbers that
    /// `JSONEncoder` writes with an exponent (`1e+17`) become `.integer`, as they always have:
    /// fingerprints of the result are stored.
    public init(encoding value: some Encodable) throws {
        self = try JSONParser.parse(JSONEncoder().encode(value), integers: .likeJSONDecoder)
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// Decodes a `Decodable` value from this tree.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: JSONEncoder().encode(self))
    }

    /// Short name of the JSON type, for "expected a string, got an array" messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
