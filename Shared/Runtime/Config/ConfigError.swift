/// A setting that is missing or cannot be parsed.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// The variable is unset and has no default.
    case missing(key: String)
    /// The variable is set to something unusable.
    case invalid(key: String, expected: String, value: String)

    /// A message fit for logs and terminals; secret values are withheld.
    public var description: String {
        switch self {
        case .missing(let key):
            return "environment variable \(key) is required but not set"
        case .invalid(let key, let expected, let value):
            let shown = Redaction.isSecret(key: key) ? Redaction.placeholder : "'\(value)'"
            return "environment variable \(key) must be \(expected), got \(shown)"
        }
    }
}
