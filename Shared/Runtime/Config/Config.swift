import Foundation

/// Typed access to settings supplied as environment variables.
///
/// Errors name the variable and what was expected; values of secret-looking variables are never
/// echoed back (see `Redaction`).
public struct Config: Sendable {
    /// The raw variables this configuration reads from.
    public let values: [String: String]

    /// A configuration over the given variables (tests pass their own dictionary).
    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The process environment, captured when first used.
    public static let process = Config(ProcessInfo.processInfo.environment)

    /// The trimmed value of `key`, or `nil` when it is unset or blank.
    public func raw(_ key: String) -> String? {
        guard let value = values[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// A string setting; throws `ConfigError.missing` when unset and no default is given.
    public func string(_ key: String, default fallback: String? = nil) throws -> String {
        if let value = raw(key) { return value }
        if let fallback { return fallback }
        throw ConfigError.missing(key: key)
    }

    /// An integer setting, optionally constrained to `range`.
    public func int(_ key: String, default fallback: Int? = nil, in range: ClosedRange<Int>? = nil) throws -> Int {
        guard let text = raw(key) else {
            if let fallback { return fallback }
            throw ConfigError.missing(key: key)
        }
        guard let value = Int(text), range.map({ $0.contains(value) }) ?? true else {
            let expected = range.map { "an integer in \($0.lowerBound)...\($0.upperBound)" } ?? "an integer"
            throw ConfigError.invalid(key: key, expected: expected, value: text)
        }
        return value
    }

    /// A duration such as `250ms`, `30s`, `5m`, `1h` (a bare number means seconds), optionally
    /// constrained to `range`.
    public func duration(_ key: String, default fallback: Duration? = nil, in range: ClosedRange<Duration>? = nil) throws -> Duration {
        guard let text = raw(key) else {
            if let fallback { return fallback }
            throw ConfigError.missing(key: key)
        }
        guard let value = Config.parseDuration(text), range.map({ $0.contains(value) }) ?? true else {
            let bounds = range.map { " from \(Config.durationText($0.lowerBound)) to \(Config.durationText($0.upperBound))" } ?? ""
            throw ConfigError.invalid(key: key, expected: "a duration like 500ms, 30s, 5m or 1h" + bounds, value: text)
        }
        return value
    }

    /// A boolean: true/false, yes/no, on/off or 1/0 (case-insensitive).
    public func bool(_ key: String, default fallback: Bool? = nil) throws -> Bool {
        guard let text = raw(key) else {
            if let fallback { return fallback }
            throw ConfigError.missing(key: key)
        }
        guard let value = Config.parseBool(text) else {
            throw ConfigError.invalid(key: key, expected: "true or false", value: text)
        }
        return value
    }
}
