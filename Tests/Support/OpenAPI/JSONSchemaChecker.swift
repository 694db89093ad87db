import Foundation

/// The subset of JSON Schema 2020-12 the OpenAPI documents use: `$ref` (local), `type` (one or
/// several), `enum`, `const`, `required`, `properties`, `additionalProperties`, `items`,
/// `minItems`/`maxItems`, `minLength`/`maxLength`, `minimum`/`maximum`, `pattern`, the formats
/// `date-time` and `uuid`, and `allOf`/`anyOf`/`oneOf`. Anything else is ignored, so a document
/// using more is checked less, never wrongly refused.
public struct JSONSchemaChecker: Sendable {
    /// The whole document, for `$ref`s such as `#/components/schemas/Problem`.
    public let root: JSONDocument

    public init(root: JSONDocument) {
        self.root = root
    }

    /// The target of a local `$ref`, or the schema itself.
    public func resolve(_ schema: JSONDocument) -> JSONDocument {
        var current = schema
        var hops = 0
        while let reference = current["$ref"]?.stringValue, reference.hasPrefix("#/"), hops < 16 {
            var target: JSONDocument? = root
            for part in reference.dropFirst(2).split(separator: "/") {
                target = target?[part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
            }
            guard let target else { return .object([:]) }
            current = target
            hops += 1
        }
        return current
    }

    /// Every way `value` breaks `schema`, each located by a JSON path such as `$.taskings[0].id`.
    public func problems(_ value: JSONDocument, schema: JSONDocument, at path: String = "$") -> [String] {
        let schema = resolve(schema)
        guard case .object(let keywords) = schema else { return schema == .bool(false) ? ["\(path): no value is allowed here"] : [] }
        var problems: [String] = []
        if let types = keywords["type"] {
            let allowed = Set((types.arrayValue ?? [types]).compactMap(\.stringValue))
            if allowed.isDisjoint(with: value.typeNames) {
                return ["\(path): \(value) is not of type \(allowed.sorted().joined(separator: " or "))"]
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(value) {
            problems.append("\(path): \(value) is not one of \(options.map(\.description).joined(separator: ", "))")
        }
        if let constant = keywords["const"], constant != value { problems.append("\(path): \(value) is not \(constant)") }
        problems += combinators(value, keywords, at: path)
        switch value {
        case .object(let members): problems += object(members, keywords, at: path)
        case .array(let elements): problems += array(elements, keywords, at: path)
        case .string(let text): problems += string(text, keywords, at: path)
        case .number(let number): problems += self.number(number, keywords, at: path)
        case .null, .bool: break
        }
        return problems
    }

    private func combinators(_ value: JSONDocument, _ keywords: [String: JSONDocument], at path: String) -> [String] {
        var problems: [String] = []
        for part in keywords["allOf"]?.arrayValue ?? [] { problems += self.problems(value, schema: part, at: path) }
        if let options = keywords["anyOf"]?.arrayValue, !options.contains(where: { self.problems(value, schema: $0, at: path).isEmpty }) {
            problems.append("\(path): \(value) matches none of anyOf")
        }
        if let options = keywords["oneOf"]?.arrayValue {
            let matching = options.filter { self.problems(value, schema: $0, at: path).isEmpty }.count
            if matching != 1 { problems.append("\(path): \(value) matches \(matching) of oneOf, not exactly one") }
        }
        return problems
    }

    private func object(_ members: [String: JSONDocument], _ keywords: [String: JSONDocument], at path: String) -> [String] {
        var problems: [String] = []
        for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            problems.append("\(path): lacks required member \(name)")
        }
        let properties = keywords["properties"]?.objectValue ?? [:]
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let schema = properties[name] {
                problems += self.problems(member, schema: schema, at: "\(path).\(name)")
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    problems.append("\(path): member \(name) is not in the schema")
                } else {
                    problems += self.problems(member, schema: additional, at: "\(path).\(name)")
                }
            }
        }
        return problems
    }

    private func array(_ elements: [JSONDocument], _ keywords: [String: JSONDocument], at path: String) -> [String] {
        var problems: [String] = []
        if let minimum = keywords["minItems"]?.numberValue, Double(elements.count) < minimum {
            problems.append("\(path): \(elements.count) elements, fewer than \(Int(minimum))")
        }
        if let maximum = keywords["maxItems"]?.numberValue, Double(elements.count) > maximum {
            problems.append("\(path): \(elements.count) elements, more than \(Int(maximum))")
        }
        if let items = keywords["items"] {
            for (index, element) in elements.enumerated() { problems += self.problems(element, schema: items, at: "\(path)[\(index)]") }
        }
        return problems
    }

    private func string(_ text: String, _ keywords: [String: JSONDocument], at path: String) -> [String] {
        var problems: [String] = []
        let length = text.unicodeScalars.count
        if let minimum = keywords["minLength"]?.numberValue, Double(length) < minimum {
            problems.append("\(path): \(length) characters, fewer than \(Int(minimum))")
        }
        if let maximum = keywords["maxLength"]?.numberValue, Double(length) > maximum {
            problems.append("\(path): \(length) characters, more than \(Int(maximum))")
        }
        if let pattern = keywords["pattern"]?.stringValue, text.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(path): \(JSONDocument.string(text)) does not match \(pattern)")
        }
        switch keywords["format"]?.stringValue {
        case "date-time" where text.range(of: Self.dateTime, options: .regularExpression) == nil:
            problems.append("\(path): \(JSONDocument.string(text)) is not an RFC 3339 date-time")
        case "uuid" where UUID(uuidString: text) == nil:
            problems.append("\(path): \(JSONDocument.string(text)) is not a UUID")
        default: break
        }
        return problems
    }

    private func number(_ number: Double, _ keywords: [String: JSONDocument], at path: String) -> [String] {
        var problems: [String] = []
        if let minimum = keywords["minimum"]?.numberValue, number < minimum { problems.append("\(path): \(number) is below \(minimum)") }
        if let maximum = keywords["maximum"]?.numberValue, number > maximum { problems.append("\(path): \(number) is above \(maximum)") }
        return problems
    }

    /// RFC 3339 `date-time`: a full date, `T`, a time with optional fraction, and `Z` or an offset.
    static let dateTime = #"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
}
