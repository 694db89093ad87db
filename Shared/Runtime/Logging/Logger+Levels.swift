/// One method per level, for call sites that read like prose.
extension Logger {
    /// Logs at `trace`.
    public func trace(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.trace, message(), extra)
    }

    /// Logs at `debug`.
    public func debug(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.debug, message(), extra)
    }

    /// Logs at `info`.
    public func info(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.info, message(), extra)
    }

    /// Logs at `notice`.
    public func notice(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.notice, message(), extra)
    }

    /// Logs at `warning`.
    public func warning(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.warning, message(), extra)
    }

    /// Logs at `error`.
    public func error(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.error, message(), extra)
    }

    /// Logs at `critical`.
    public func critical(_ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        log(.critical, message(), extra)
    }
}
