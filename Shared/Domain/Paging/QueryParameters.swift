/// A query string's parameters by name, checked against the names a route takes: an unknown
/// name or one given twice is a problem at that name (a 400 naming it), never silently ignored.
public struct QueryParameters: Sendable {
    public private(set) var values: [String: String] = [:]
    public private(set) var problems: [FieldError] = []

    public init(_ items: [(name: String, value: String)], allowed names: Set<String>) {
        for (name, value) in items {
            let path = FieldPath.root.appending(String(name.prefix(64)))
            if !names.contains(name) {
                problems.append(FieldError(path, "unknown parameter; expected \(names.sorted().joined(separator: ", "))"))
            } else if values[name] != nil {
                problems.append(FieldError(path, "given more than once"))
            } else {
                values[name] = value
            }
        }
    }
}
