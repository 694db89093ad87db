/// A structured logger writing one JSON object per line: `ts`, `level`, `service`, `msg`, then metadata.
///
/// Values whose keys look like credentials are replaced by `Redaction.placeholder`.
public struct Logger: Sendable {
    /// The service name written to every line.
    public let service: String
    /// Lines below this level are dropped.
    public var level: LogLevel
    /// Metadata added to every line (e.g. `request_id`, `trace_id`).
    public var metadata: [String: String]
    let sink: LogSink
    let clock: @Sendable () -> String

    /// A logger for `service`; the level defaults to `LOG_LEVEL`.
    public init(
        service: String,
        level: LogLevel = .fromEnvironment(),
        metadata: [String: String] = [:],
        sink: LogSink = .standardError
    ) {
        self.init(service: service, level: level, metadata: metadata, sink: sink, clock: LogTimestamp.now)
    }

    init(service: String, level: LogLevel, metadata: [String: String], sink: LogSink,
         clock: @escaping @Sendable () -> String) {
        self.service = service
        self.level = level
        self.metadata = metadata
        self.sink = sink
        self.clock = clock
    }

    /// A logger adding `extra` to every line (later keys win).
    public func with(_ extra: [String: String]) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    /// Whether a line at `level` would be written.
    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= self.level
    }

    /// Writes `message` at `level` with per-line metadata.
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, _ extra: [String: String] = [:]) {
        guard isEnabled(level) else { return }
        let merged = extra.isEmpty ? metadata : metadata.merging(extra) { _, new in new }
        sink.write(render(level: level, message: message(), metadata: merged))
    }
}
