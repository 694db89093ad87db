import Domain

extension JSONValue {
    /// The integer, for assertions.
    var intValue: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// The number, integer or not, for assertions.
    var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// Strings of `key` across an array of objects.
    func strings(_ key: String) -> [String] {
        (arrayValue ?? []).compactMap { $0[key]?.stringValue }
    }
}
