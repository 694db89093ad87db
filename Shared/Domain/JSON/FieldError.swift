/// One problem with one field: `indicators[2].value: not a valid IBAN checksum`.
public struct FieldError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public let path: FieldPath
    public let message: String

    public init(_ path: FieldPath, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    private enum CodingKeys: String, CodingKey {
        case field, pointer, message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let pointer = try container.decode(String.self, forKey: .pointer)
        self.path = FieldPath(jsonPointer: pointer)
        self.message = try container.decode(String.self, forKey: .message)
    }

    /// Both spellings of the path: `field` for people, `pointer` (RFC 6901) for machines.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path.description, forKey: .field)
        try container.encode(path.jsonPointer, forKey: .pointer)
        try container.encode(message, forKey: .message)
    }
}

extension FieldPath {
    /// Reads a JSON Pointer back; all-digit tokens are taken as array indices.
    init(jsonPointer: String) {
        let tokens = jsonPointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        self.init(components: tokens.map { token in
            if let index = Int(token), token.allSatisfy(\.isASCII) { return .index(index) }
            return .key(token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~"))
        })
    }
}
