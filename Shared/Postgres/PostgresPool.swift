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

    func lease() async throws -> PostgresConnection {
        var deadline: ContinuousClock.Instant?
        while true {
            var step = state.withLock { nextStep(&$0) }
            if case .wait = step {
                let until = deadline ?? .now + configuration.acquireTimeout
                deadline = until
                step = try await waitForTurn(until: until)
            }
            switch step {
            case .reuse(let idle): if let connection = await verified(idle) { return connection }
            case .create: return try await openConnection()
            case .handed(let connection): return connection
            case .closed: throw PostgresError(.poolClosed, reason: "pool closed")
            case .wait: continue
            }
        }
    }

    private func nextStep(_ state: inout State) -> Step {
        if state.closed { return .closed }
        if let idle = state.idle.popLast() { return .reuse(idle) }
        if state.open < configuration.maxConnections {
            state.open += 1
            return .create
        }
        return .wait
    }

    /// Queues the caller until a connection or a slot is handed over, the deadline passes or the
    /// task is cancelled.
    private func waitForTurn(until deadline: ContinuousClock.Instant) async throws -> Step {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        // Off any connection thread the caller runs on, so the timeout fires whatever that thread does.
        let timer = Task(executorPreference: globalConcurrentExecutor) { [weak self] in
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
            self?.failWaiter(id, Self.timeoutError)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Step, Error>) in
                let immediate = state.withLock { state -> Result<Step, PostgresError>? in
                    // Under the lock `failWaiter` takes: a cancellation or timeout that fired before
                    // this waiter was queued is seen here instead of being lost.
                    if Task.isCancelled { return .failure(Self.cancelledError) }
                    if ContinuousClock.now >= deadline { return .failure(Self.timeoutError) }
                    // A connection or slot may have come free since the first look.
                    let step = nextStep(&state)
                    guard case .wait = step else { return .success(step) }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) } else { hooks.waiterQueued() }
            }
        } onCancel: {
            self.failWaiter(id, Self.cancelledError)
        }
    }

    private static let timeoutError = PostgresError(.poolTimeout, reason: "no connection free within the acquire timeout")
    private static let cancelledError = PostgresError(.cancelled, reason: "task cancelled while waiting for a connection")

    private func failWaiter(_ id: UInt64, _ error: PostgresError) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Opens a connection for a reserved slot; on failure the slot passes on.
    func openConnection() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration.conninfo, applicationName: configuration.applicationName)
        } catch {
            slotFreed()
            throw error
        }
    }

    /// The idle connection if it is fresh or still answers; otherwise closes it and frees its slot.
    private func verified(_ idle: Idle) async -> PostgresConnection? {
        guard let interval = configuration.keepAliveInterval, ContinuousClock.now - idle.checkedAt >= interval else {
            return idle.connection
        }
        if await idle.connection.ping() { return idle.connection }
        await idle.connection.close()
        slotFreed()
        return nil
    }

    func release(_ connection: PostgresConnection) async {
        guard await connection.isHealthy else {
            await connection.close()
            slotFreed()
            return
        }
        let now = ContinuousClock.now
        await checkIn(Idle(connection: connection, usedAt: now, checkedAt: now))
    }

    /// A live connection comes back: to the first waiter, else to the idle list in order of use.
    func checkIn(_ idle: Idle) async {
        enum Next { case hand(Waiter), kept, close }
        let next = state.withLock { state -> Next in
            if state.closed {
                state.open -= 1
                return .close
            }
            if !state.waiters.isEmpty { return .hand(state.waiters.removeFirst()) }
            // Usually the newest (an append); a pinged one goes back where its last use puts it.
            let index = state.idle.lastIndex { $0.usedAt <= idle.usedAt }.map { $0 + 1 } ?? 0
            state.idle.insert(idle, at: index)
            return .kept
        }
        switch next {
        case .hand(let waiter): waiter.continuation.resume(returning: .handed(idle.connection))
        case .close: await idle.connection.close()
        case .kept: break
        }
    }

    /// A counted connection is gone (closed, or never opened): the first waiter gets its slot and
    /// opens a connection itself, so a failed connect never strands a waiter.
    func slotFreed() {
        let waiter = state.withLock { state -> Waiter? in
            if !state.closed, !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.open -= 1
            return nil
        }
        waiter?.continuation.resume(returning: .create)
    }
}
