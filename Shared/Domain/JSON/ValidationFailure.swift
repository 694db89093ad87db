/// Every problem found in one input, reported together (a 422 with a list, not one at a time).
public struct ValidationFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }

    /// The messages reported at exactly `path`, mostly for tests and logs.
    public func messages(at path: String) -> [String] {
        errors.filter { $0.path.description == path }.map(\.message)
    }

    private enum CodingKeys: String, CodingKey {
        case errors
    }
}
