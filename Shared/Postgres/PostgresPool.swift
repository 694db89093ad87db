import Synchronization

/// A bounded pool of connections.
///
/// Callers wait (up to `acquireTimeout`) when every connection is leased. A connection that fails
/// its health check on return, or its keep-alive ping while idle, is closed and its slot passed
/// on, so a restarted server heals. A background task (off every connection thread) closes
/// connections idle past `idleTimeout`, pings idle ones and keeps `minConnections` open.
public final class PostgresPool: Sendable {
    /// An idle connection, when it was last leased and when it was last known to be alive.
    struct Idle: Sendable {
        let connection: PostgresConnection
        let usedAt: ContinuousClock.Instant
        let checkedAt: ContinuousClock.Instant
    }

    /// What a lease does next; also what a waiter is handed.
    enum Step: Sendable {
        case reuse(Idle)
        /// A slot is reserved for the caller: it opens the connection itself.
        case create
        case handed(PostgresConnection)
        case wait
        case closed
    }

    struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Step, Error>
    }

    struct State {
        /// Oldest use first; leases take the newest, so the oldest age out.
        var idle: [Idle] = []
        /// Connections open or being opened, leased or not: never above `maxConnections`.
        var open = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
        var maintenance: Task<Void, Never>?
    }

    /// Where tests observe the pool without timing; no-ops otherwise.
    struct Hooks: Sendable {
        var waiterQueued: @Sendable () -> Void = {}
        var maintained: @Sendable () -> Void = {}
        /// Off for tests that run `maintain` themselves.
        var startsMaintenance = true
    }

    public let configuration: Configuration
    let state = Mutex(State())
    let hooks: Hooks

    public convenience init(_ configuration: Configuration) {
        self.init(configuration, hooks: Hooks())
    }

    init(_ configuration: Configuration, hooks: Hooks) {
        self.configuration = configuration
        self.hooks = hooks
        if hooks.startsMaintenance { startMaintenance() }
    }

    /// Leases a connection for the duration of `body` and returns it afterwards. The body runs
    /// with the connection's affinity (see `PostgresConnection.withAffinity`).
    @discardableResult
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        do {
            let value = try await connection.withAffinity(body)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs one statement on any pooled connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { try await $0.query(query) }
    }

    /// Runs `body` in a transaction on a pooled connection (see `PostgresConnection.transaction`).
    public func transaction<T: Sendable>(
        isolation: PostgresConnection.IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { try await $0.transaction(isolation: isolation, body) }
    }

    /// Like `transaction`, but runs `body` again (up to `attempts` in all) when PostgreSQL rolled
    /// the transaction back as a deadlock victim or serialization failure: nothing of the failed
    /// attempt was kept, so `body` must only act through the transaction.
    public func transactionRetryingTransient<T: Sendable>(
        attempts: Int = 3, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transaction(body)
            } catch let error as PostgresError where attempt < attempts && error.sqlState?.isTransient == true {
                attempt += 1
            }
        }
    }

    /// Open and idle connection counts, for metrics.
    public var counts: (open: Int, idle: Int, waiting: Int) {
        state.withLock { ($0.open, $0.idle.count, $0.waiters.count) }
    }

    /// Closes idle connections and fails waiters; leased connections close when returned.
    public func close() async {
        let (idle, waiters, maintenance) = state.withLock { state in
            state.closed = true
            defer { state.idle = []; state.waiters = []; state.maintenance = nil }
            state.open -= state.idle.count
            return (state.idle, state.waiters, state.maintenance)
        }
        maintenance?.cancel()
        for waiter in waiters { waiter.continuation.resume(throwing: PostgresError(.poolClosed, reason: "pool closed")) }
        for entry in idle { await entry.connection.close() }
    }
}
