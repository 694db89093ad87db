import Runtime
import Synchronization

/// An HTTP/1.1 server on POSIX sockets, run as a `Service`.
///
/// By default a few event-loop threads serve every connection over `epoll` (see `EventLoopGroup`);
/// handlers run as Swift tasks and reach the socket only through messages to their loop. The former
/// design, a thread per connection, remains selectable with `Configuration.ioModel`.
/// TLS is expected to be terminated in front of the server.
public final class HTTPServer: Service {
    /// The limits and address in force.
    public let configuration: Configuration
    let core: ServerCore
    private let listener = Mutex<Listener?>(nil)
    private let group = Mutex<EventLoopGroup?>(nil)

    /// A server for `router`; connection-level metrics go to `metrics` when given.
    public init(
        router: Router, configuration: Configuration = Configuration(), logger: Logger = Logger(service: "http"),
        metrics: MetricsRegistry? = nil
    ) {
        self.configuration = configuration
        core = ServerCore(configuration: configuration, router: router, logger: logger, state: ServerState(),
                          wake: WakePipe(), instruments: metrics.map(ServerInstruments.init(registry:)),
                          deadlines: DeadlineTimer())
    }

    /// Binds the listening socket now (idempotent) and returns the port, which is useful with port 0.
    @discardableResult
    public func bind() throws -> Int {
        try boundListener().port
    }

    /// The bound port, once `bind()` or `run()` has bound it.
    public var port: Int? {
        listener.withLock { $0?.port }
    }

    /// Accepts connections until shut down: gracefully via the enclosing `ServiceGroup` or `shutdown()`,
    /// forcibly (open connections closed, handlers cancelled) when the task is cancelled.
    public func run() async throws {
        let listener = try boundListener()
        if core.state.startAccepting() {
            guard start(listener) else {
                core.state.acceptLoopEnded()
                _ = core.state.beginDraining()
                throw HTTPServerError.bindFailed(address: address, reason: "cannot start the accept thread")
            }
            core.logger.info("listening", ["address": "\(configuration.host):\(listener.port)"])
        }
        // Otherwise the server already ran or was shut down first: just wait for it to be stopped.
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await core.state.waitUntilStopped()
            } onCancel: {
                self.shutdown()
                self.core.state.forceCloseAll()
            }
        } onGracefulShutdown: {
            self.shutdown()
        }
        core.deadlines.stop()
        group.withLock { $0 }?.stop()
        core.logger.info("stopped", ["address": address])
    }

    /// Begins a graceful shutdown: stop accepting, close idle connections, let requests in flight finish.
    public func shutdown() {
        guard core.state.beginDraining() else { return }
        core.logger.info("shutting down", ["connections": String(core.state.connectionCount)])
        core.wake.signal()
        group.withLock { $0 }?.drain()
    }

    /// Starts serving on `listener` with the configured I/O model; `false` if its threads cannot start.
    private func start(_ listener: Listener) -> Bool {
        guard configuration.ioModel == .eventLoops else { return startAcceptLoop(listener) }
        DescriptorLimit.raise(toAtLeast: configuration.maxConnections + 256, logger: core.logger)
        guard let started = EventLoopGroup.start(count: configuration.eventLoops, listener: listener, core: core) else {
            return false
        }
        group.withLock { $0 = started }
        // A shutdown that began while the loops were starting did not reach them.
        if core.state.isDraining { started.drain() }
        return true
    }

    private var address: String {
        "\(configuration.host):\(port ?? configuration.port)"
    }

    private func boundListener() throws(HTTPServerError) -> Listener {
        try listener.withLock { (current: inout Listener?) throws(HTTPServerError) -> Listener in
            if let current { return current }
            let bound = try Listener.bind(host: configuration.host, port: configuration.port)
            current = bound
            return bound
        }
    }
}
