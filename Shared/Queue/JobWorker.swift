import Foundation
import Postgres
import Runtime
import Synchronization

/// A worker process's job runner: claims batches per queue, runs handlers concurrently up to
/// each queue's limit, batches completions, heartbeats its leases and rescues dead workers' jobs.
///
/// Shutdown has two phases: graceful (stop claiming, let running jobs finish, flush completions),
/// then, if the task is cancelled, handlers are cancelled and unfinished jobs released at once.
public final class JobWorker: Service {
    let pool: PostgresPool
    let conninfo: String
    let registry: JobWorkerRegistry
    let configuration: Configuration
    let logger: Logger
    let completer: JobCompleter
    let signals: [String: WakeSignal]
    let counters: JobWorkerCounters
    let inFlight = JobsInFlight()
    let settings = Mutex<[String: QueueSettings]>([:])
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)

    public init(pool: PostgresPool, conninfo: String, registry: JobWorkerRegistry, configuration: Configuration,
                logger: Logger, metrics: MetricsRegistry? = nil) {
        self.pool = pool
        self.conninfo = conninfo
        self.registry = registry
        self.configuration = configuration
        self.logger = logger.with(["worker_id": configuration.workerID])
        let counters = JobWorkerCounters(metrics: metrics)
        let completerLogger = self.logger
        self.completer = JobCompleter(pool: pool, retryWindow: configuration.outcomeRetryWindow) { error, tries in
            counters.outcomeWriteFailed()
            completerLogger.log(tries == 1 ? .warning : .debug, "could not write job completions; retrying", ["error": "\(error)", "try": "\(tries)"])
        }
        self.signals = configuration.queues.keys.reduce(into: [:]) { $0[$1] = WakeSignal() }
        self.counters = counters
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// True once the worker is listening (when configured to) and its fetch loops are running.
    public var isReady: Bool { started.load(ordering: .relaxed) }

    /// Begins a graceful shutdown: no more claims; running jobs finish.
    public func shutdown() {
        stopping.store(true, ordering: .relaxed)
        signals.values.forEach { $0.signal() }
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await runLoops()
        } onGracefulShutdown: {
            self.shutdown()
        }
    }

    private func runLoops() async throws {
        // Limits and pauses apply from the first claim.
        try await refreshSettings()
        let listener = configuration.listen ? try await PostgresListener.start(conninfo: conninfo, channels: ["occ_jobs"]) : nil
        logger.info("worker started", ["queues": configuration.queues.keys.sorted().joined(separator: ","),
                                       "listen": "\(configuration.listen)"])
        await withTaskGroup(of: Void.self) { group in
            if let listener {
                group.addTask { await self.forwardNotifications(listener) }
            }
            group.addTask { await self.maintain() }
            await withTaskCancellationHandler {
                await withTaskGroup(of: Void.self) { producers in
                    for (queue, limit) in configuration.queues {
                        producers.addTask { await self.produce(queue: queue, limit: max(1, limit)) }
                    }
                    started.store(true, ordering: .relaxed)
                }
            } onCancel: {
                // Hard stop: outcomes get one try each; `releaseUnfinished` returns the rest.
                self.completer.stopRetrying()
            }
            // Producers have drained (or were cancelled): stop the helpers.
            listener?.stop()
            group.cancelAll()
        }
        if Task.isCancelled { await releaseUnfinished() }
        logger.info("worker stopped")
    }

    private func forwardNotifications(_ listener: PostgresListener) async {
        for await event in listener.events {
            switch event {
            case .notification(_, let queue): signals[queue]?.signal()
            case .reconnected: signals.values.forEach { $0.signal() }
            }
        }
    }

    /// Hard stop: jobs still marked running by this process become available again now rather
    /// than after their lease.
    private func releaseUnfinished() async {
        let pool = self.pool, workerID = configuration.workerID
        _ = try? await Task.detached {
            try await pool.query(JobQueries.release.binding(workerID))
        }.value
    }
}
