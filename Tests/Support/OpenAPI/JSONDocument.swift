import Foundation

/// A parsed JSON value, for checking documents and responses without Foundation's untyped
/// `Any` (which cannot tell `true` from `1` reliably across platforms).
public indirect enum JSONDocument: Decodable, Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONDocument])
    case object([String: JSONDocument])

    public init(parsing bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(JSONDocument.self, from: Data(bytes))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONDocument].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONDocument].self)) }
    }

    public subscript(_ key: String) -> JSONDocument? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var objectValue: [String: JSONDocument]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var arrayValue: [JSONDocument]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The JSON Schema type names this value has (an integral number is also an `integer`).
    public var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .number(let number): number.rounded() == number ? ["number", "integer"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): "\"\(text.prefix(60))\""
        case .array(let elements): "[\(elements.count) elements]"
        case .object(let members): "{\(members.keys.sorted().prefix(6).joined(separator: ", "))}"
        }
    }
}
