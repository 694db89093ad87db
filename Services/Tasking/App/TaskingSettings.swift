import Runtime

/// Tasking's own settings, beside the shared `ServiceEnvironment`.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `TASKING_CONCURRENCY` | referrals routed at once by this process | 8 |
public struct TaskingSettings: Sendable {
    public static let defaultPort = 8083

    public var concurrency: Int

    public init(concurrency: Int = 8) {
        self.concurrency = concurrency
    }

    public init(config: Config) throws {
        self.init(concurrency: try config.int("TASKING_CONCURRENCY", default: 8, in: 1...256))
    }
}
