/// Values captured by `{name}` segments of the matched route.
public struct Parameters: Sendable {
    private var values: [String: String]

    /// Parameters from a dictionary (tests may build them directly).
    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The value of `name`, or `nil` when the route has no such segment.
    public subscript(_ name: String) -> String? {
        values[name]
    }

    /// The value of `name` converted to `T`; a value that does not convert is a 400 naming the parameter.
    public func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type = String.self) throws -> T {
        guard let text = values[name] else {
            throw HTTPError(.badRequest, detail: "missing path parameter '\(name)'")
        }
        guard let value = T(text) else {
            throw HTTPError(.badRequest, detail: "path parameter '\(name)' is not valid")
        }
        return value
    }
}
