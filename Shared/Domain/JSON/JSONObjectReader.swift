/// Reads typed members out of a JSON object, recording a field-path error for each member of
/// the wrong type (and for unknown members) instead of stopping at the first.
struct JSONObjectReader {
    let members: [String: JSONValue]
    let path: FieldPath

    /// A reader for `value` if it is an object; otherwise records "expected an object".
    static func make(_ value: JSONValue, at path: FieldPath, problems: inout [FieldError]) -> JSONObjectReader? {
        guard case .object(let members) = value else {
            problems.append(FieldError(path, "expected an object, got \(value.typeName)"))
            return nil
        }
        return JSONObjectReader(members: members, path: path)
    }

    /// The member, or nil when absent or JSON null (both mean "not given").
    func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String, _ problems: inout [FieldError]) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            problems.append(FieldError(path.appending(key), "expected a string, got \(value.typeName)"))
            return nil
        }
        return text
    }

    func integer(_ key: String, _ problems: inout [FieldError]) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .integer(let integer) = value else {
            problems.append(FieldError(path.appending(key), "expected an integer, got \(value.typeName)"))
            return nil
        }
        return integer
    }

    func bool(_ key: String, _ problems: inout [FieldError]) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else {
            problems.append(FieldError(path.appending(key), "expected true or false, got \(value.typeName)"))
            return nil
        }
        return flag
    }

    func object(_ key: String, _ problems: inout [FieldError]) -> JSONObjectReader? {
        guard let value = value(key) else { return nil }
        return Self.make(value, at: path.appending(key), problems: &problems)
    }

    /// The elements of an array member, each with its own path.
    func array(_ key: String, _ problems: inout [FieldError]) -> [(path: FieldPath, value: JSONValue)]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else {
            problems.append(FieldError(path.appending(key), "expected an array, got \(value.typeName)"))
            return nil
        }
        return elements.enumerated().map { (path.appending(key).appending(index: $0.offset), $0.element) }
    }

    /// Records every member not in `known`, so a misspelt field is reported, not ignored.
    func rejectUnknown(_ known: Set<String>, _ problems: inout [FieldError]) {
        for key in members.keys.sorted() where !known.contains(key) {
            problems.append(FieldError(path.appending(key), "unknown field"))
        }
    }
}
