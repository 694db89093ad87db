import Foundation
import Synchronization

/// A bounded pool of connections.
///
/// Callers wait (up to `acquireTimeout`) when every connection is leased; connections that fail
/// their health check on return are closed and replaced on demand, so a restarted server heals.
public final class PostgresPool: Sendable {
    public struct Configuration: Sendable {
        public var conninfo: String
        public var maxConnections: Int
        public var acquireTimeout: Duration
        public var applicationName: String

        public init(conninfo: String, maxConnections: Int = 10, acquireTimeout: Duration = .seconds(30), applicationName: String = "occ") {
            self.conninfo = conninfo
            self.maxConnections = max(1, maxConnections)
            self.acquireTimeout = acquireTimeout
            self.applicationName = applicationName
        }
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<PostgresConnection?, Error>
    }

    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    public let configuration: Configuration
    private let state = Mutex(State())

    public init(_ configuration: Configuration) {
        self.configuration = configuration
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

    /// Runs `body` in a transaction on a pooled connection.
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
        let (idle, waiters) = state.withLock { state -> ([PostgresConnection], [Waiter]) in
            state.closed = true
            defer { state.idle = []; state.waiters = [] }
            state.open -= state.idle.count
            return (state.idle, state.waiters)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: PostgresError(.poolClosed, reason: "pool closed")) }
        for connection in idle { await connection.close() }
    }

    private enum LeaseDecision { case reuse(PostgresConnection), create, wait, closed }

    func lease() async throws -> PostgresConnection {
        let decision = state.withLock { state -> LeaseDecision in
            if state.closed { return .closed }
            if let connection = state.idle.popLast() { return .reuse(connection) }
            if state.open < configuration.maxConnections { state.open += 1; return .create }
            return .wait
        }
        switch decision {
        case .reuse(let connection): return connection
        case .closed: throw PostgresError(.poolClosed, reason: "pool closed")
        case .create: return try await openConnection()
        case .wait: return try await waitForConnection()
        }
    }

    private func openConnection() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration.conninfo, applicationName: configuration.applicationName)
        } catch {
            state.withLock { $0.open -= 1 }
            throw error
        }
    }

    private func waitForConnection() async throws -> PostgresConnection {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let timeout = configuration.acquireTimeout
        // Off any connection thread the caller runs on, so the timeout fires whatever that thread does.
        let timer = Task(executorPreference: globalConcurrentExecutor) { [weak self] in
            try await Task.sleep(for: timeout)
            self?.failWaiter(id, PostgresError(.poolTimeout, reason: "no connection free within the acquire timeout"))
        }
        defer { timer.cancel() }
        let handed = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PostgresConnection?, Error>) in
                let enqueued = state.withLock { state -> Bool in
                    if state.closed { return false }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return true
                }
                if !enqueued { continuation.resume(throwing: PostgresError(.poolClosed, reason: "pool closed")) }
            }
        } onCancel: {
            self.failWaiter(id, PostgresError(.cancelled, reason: "task cancelled while waiting for a connection"))
        }
        // nil means a slot was freed rather than a connection handed over: open a new one.
        if let handed { return handed }
        return try await openConnection()
    }

    private func failWaiter(_ id: UInt64, _ error: PostgresError) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    func release(_ connection: PostgresConnection) async {
        let healthy = await connection.isHealthy
        if !healthy { await connection.close() }
        enum Next { case handTo(Waiter, PostgresConnection?), keep, drop }
        let next = state.withLock { state -> Next in
            if state.closed || !healthy {
                state.open -= 1
                if !state.closed, !state.waiters.isEmpty {
                    state.open += 1
                    return .handTo(state.waiters.removeFirst(), nil)
                }
                return healthy ? .drop : .keep
            }
            if !state.waiters.isEmpty { return .handTo(state.waiters.removeFirst(), connection) }
            state.idle.append(connection)
            return .keep
        }
        switch next {
        case .handTo(let waiter, let handed): waiter.continuation.resume(returning: handed)
        case .drop: await connection.close()
        case .keep: break
        }
    }
}
