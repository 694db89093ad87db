/// Severity of a log line, ordered from most to least verbose.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    /// The lower-case name written to the `level` field and accepted in `LOG_LEVEL`.
    public var name: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }

    /// Parses a level name (`warn` is accepted for `warning`).
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "warn" {
            self = .warning
            return
        }
        guard let level = LogLevel.allCases.first(where: { $0.name == lowered }) else { return nil }
        self = level
    }

    /// The level named by `LOG_LEVEL`, or `info` when unset or unknown.
    public static func fromEnvironment(_ config: Config = .process) -> LogLevel {
        config.raw("LOG_LEVEL").flatMap(LogLevel.init(name:)) ?? .info
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
