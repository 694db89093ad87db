import Runtime

/// Tasking's own settings, beside the shared `ServiceEnvironment`.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `TASKING_MODE` | `worker`, `api` or `all` (see `TaskingMode`) | `all` |
/// | `TASKING_CONCURRENCY` | batches routed at once by this process | 8 |
/// | `TASKING_BATCH` | most routing jobs handled in one transaction | 32 |
/// | `TASKING_CHASE_INTERVAL` | how often the worker chases requests to partners left open past their deadline | 60s |
/// | `TASKING_SLA_SWEEP_SECONDS` | how often the worker flags taskings at their SLA warning point and past their deadline; 0 turns the sweep off | 60 |
public struct TaskingSettings: Sendable {
    public static let defaultPort = 8081

    public var mode: TaskingMode
    public var concurrency: Int
    public var batch: Int
    public var chaseInterval: Duration
    /// nil: this process never sweeps (tests sweep with a time of their choosing).
    public var slaSweepInterval: Duration?

    public init(
        mode: TaskingMode = .all, concurrency: Int = 8, batch: Int = 32, chaseInterval: Duration = .seconds(60),
        slaSweepInterval: Duration? = nil
    ) {
        self.mode = mode
        self.concurrency = concurrency
        self.batch = batch
        self.chaseInterval = chaseInterval
        self.slaSweepInterval = slaSweepInterval
    }

    public init(config: Config) throws {
        let text = try config.string("TASKING_MODE", default: TaskingMode.all.rawValue)
        guard let mode = TaskingMode(rawValue: text.lowercased()) else {
            throw ConfigError.invalid(key: "TASKING_MODE", expected: "worker, api or all", value: text)
        }
        let sweep = try config.int("TASKING_SLA_SWEEP_SECONDS", default: 60, in: 0...86_400)
        self.init(
            mode: mode, concurrency: try config.int("TASKING_CONCURRENCY", default: 8, in: 1...256),
            batch: try config.int("TASKING_BATCH", default: 32, in: 1...500),
            chaseInterval: try config.duration("TASKING_CHASE_INTERVAL", default: .seconds(60), in: .milliseconds(100)...(.seconds(86_400))),
            slaSweepInterval: sweep == 0 ? nil : .seconds(sweep))
    }
}
