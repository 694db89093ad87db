/// Maps job kinds to handlers, and to how long each may run; handlers return an outcome or
/// throw (which means retry).
public struct JobWorkerRegistry: Sendable {
    public typealias Handler = @Sendable (JobContext) async throws -> JobOutcome
    private(set) var handlers: [String: Handler] = [:]
    private(set) var timeouts: [String: Duration] = [:]

    public init() {}

    /// Registers the handler for `Args.kind`; the arguments arrive decoded. A handler running
    /// longer than `timeout` (nil: the worker's `jobTimeout`) is cancelled and its attempt
    /// recorded as a retry.
    public mutating func register<Args: JobArgs>(
        _ type: Args.Type, timeout: Duration? = nil,
        _ handler: @escaping @Sendable (Args, JobContext) async throws -> JobOutcome
    ) {
        handlers[Args.kind] = { context in
            try await handler(try context.record.args(as: Args.self), context)
        }
        timeouts[Args.kind] = timeout
    }

    func handler(for kind: String) -> Handler? { handlers[kind] }
    func timeout(for kind: String) -> Duration? { timeouts[kind] }
    var kinds: [String] { handlers.keys.sorted() }
}
