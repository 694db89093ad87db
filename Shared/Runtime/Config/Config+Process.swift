/// Shorthands reading from the process environment, e.g. `Config.string("DATABASE_URL")`.
extension Config {
    /// A string setting from the process environment.
    public static func string(_ key: String, default fallback: String? = nil) throws -> String {
        try process.string(key, default: fallback)
    }

    /// An integer setting from the process environment.
    public static func int(_ key: String, default fallback: Int? = nil, in range: ClosedRange<Int>? = nil) throws -> Int {
        try process.int(key, default: fallback, in: range)
    }

    /// A duration setting from the process environment.
    public static func duration(_ key: String, default fallback: Duration? = nil, in range: ClosedRange<Duration>? = nil) throws -> Duration {
        try process.duration(key, default: fallback, in: range)
    }

    /// A boolean setting from the process environment.
    public static func bool(_ key: String, default fallback: Bool? = nil) throws -> Bool {
        try process.bool(key, default: fallback)
    }
}
