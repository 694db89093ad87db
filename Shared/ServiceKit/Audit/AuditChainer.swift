import Postgres
import Runtime
import Synchronization

/// Links pending audit rows off every request path: a pass every `interval` (or at once when woken,
/// or while whole batches keep coming), each a call of `audit_chain`, which one process at a time
/// leads while the others skip. Every service process that appends runs one, so the chain keeps up
/// while any of them is up; `occ audit chain` does the same by hand.
///
/// It has a pool of its own (one connection), so request traffic never waits for it and it can make
/// a last pass after the rest of the service has stopped.
public final class AuditChainer: Service {
    /// The advisory lock `audit_chain` try-locks (migration 6), for tools that watch for waits on it.
    public static let lockKey: Int64 = 0x0cc_a0d1_7c4a

    let pool: PostgresPool
    let interval: Duration
    let batchSize: Int
    let logger: Logger

    private struct State {
        var stopping = false
        /// A wake-up that arrived while no pause was under way: the next pause ends at once.
        var woken = false
        var sleeper: Task<Void, Never>?
        var failing = false
        var chained = 0
    }
    private let state = Mutex(State())

    public init(conninfo: String, applicationName: String, logger: Logger, interval: Duration = .milliseconds(250), batchSize: Int = 5_000) {
        pool = PostgresPool(.init(conninfo: conninfo, maxConnections: 1, applicationName: applicationName))
        self.interval = interval
        self.batchSize = batchSize
        self.logger = logger
    }

    /// The chainer of a service, on its database login.
    public convenience init(environment: ServiceEnvironment) {
        self.init(conninfo: environment.databaseURL, applicationName: "\(environment.logger.service)-audit-chainer", logger: environment.logger)
    }

    /// Rows this chainer has linked so far.
    public var chainedRows: Int { state.withLock { $0.chained } }

    /// Ends the current pause (or the next one) now.
    public func wake() {
        let sleeper = state.withLock { state -> Task<Void, Never>? in
            guard let sleeper = state.sleeper else {
                state.woken = true
                return nil
            }
            state.sleeper = nil
            return sleeper
        }
        sleeper?.cancel()
    }

    /// Makes `run()` finish after one last pass.
    public func shutdown() {
        state.withLock { $0.stopping = true }
        wake()
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !state.withLock({ $0.stopping }), !Task.isCancelled {
                if await pass() < batchSize { await pause() }
            }
            // Rows appended just before a shutdown need not wait for another process.
            if !Task.isCancelled { _ = await pass() }
            await pool.close()
        } onGracefulShutdown: { [self] in
            shutdown()
        }
    }

    /// One call of `audit_chain`; failures (the database away, migration 6 not applied yet) are
    /// logged once, when they start, and retried on the next pass.
    private func pass() async -> Int {
        do {
            let chained = try await pool.withConnection { try await AuditLog.chain(maxRows: batchSize, on: $0) }
            let recovered = state.withLock { state -> Bool in
                state.chained += chained
                defer { state.failing = false }
                return state.failing
            }
            if recovered { logger.notice("audit chaining resumed") }
            return chained
        } catch {
            let first = state.withLock { state -> Bool in
                defer { state.failing = true }
                return !state.failing
            }
            if first, !Task.isCancelled { logger.error("audit chaining failed; retrying", ["error": "\(error)"]) }
            return 0
        }
    }

    private func pause() async {
        let sleeper = Task<Void, Never> { [interval] in _ = try? await Task.sleep(for: interval) }
        let wokenAlready = state.withLock { state -> Bool in
            if state.woken || state.stopping {
                state.woken = false
                return true
            }
            state.sleeper = sleeper
            return false
        }
        if wokenAlready { sleeper.cancel() }
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
        state.withLock { if $0.sleeper == sleeper { $0.sleeper = nil } }
    }
}
