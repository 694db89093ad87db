/// Maps job kinds to handlers, and to how long each may run; handlers return an outcome or
/// throw (which means retry).
public struct JobWorkerRegistry: Sendable {
    public typealias Handler = @Sendable (JobContext) async throws -> JobOutcome
    /// Runs several jobs of one kind together; returns one outcome per context, in order.
    public typealias BatchHandler = @Sendable ([JobContext]) async throws -> [JobOutcome]
    private(set) var handlers: [String: Handler] = [:]
    private(set) var batchHandlers: [String: BatchHandler] = [:]
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

    /// Registers a handler for several `Args.kind` jobs at once, beside the one-job handler
    /// (register that first): it handles its batch in one transaction, completing each job in it
    /// (`JobContext.completionStatement`) or returning another outcome for it. When it throws,
    /// nothing it did was kept, and the worker runs each job of the batch on its own with the
    /// one-job handler, so one poison job never fails its batch-mates.
    public mutating func registerBatch<Args: JobArgs>(
        _ type: Args.Type, _ handler: @escaping @Sendable ([(args: Args, context: JobContext)]) async throws -> [JobOutcome]
    ) {
        precondition(handlers[Args.kind] != nil, "register the one-job handler for \(Args.kind) before its batch handler")
        batchHandlers[Args.kind] = { contexts in
            try await handler(try contexts.map { (try $0.record.args(as: Args.self), $0) })
        }
    }

    func handler(for kind: String) -> Handler? { handlers[kind] }
    func batchHandler(for kind: String) -> BatchHandler? { batchHandlers[kind] }
    func timeout(for kind: String) -> Duration? { timeouts[kind] }
    var kinds: [String] { handlers.keys.sorted() }
}
