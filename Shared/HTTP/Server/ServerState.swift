import Synchronization

/// A connection as the server's registry sees it.
protocol TrackedConnection: Sendable {
    /// Closes the connection now and cancels its handler (hard shutdown).
    func forceClose()
    /// Closes the connection, which was idle when it was chosen to make room at the cap.
    func evict()
}

/// The server's lifecycle and its set of open connections, shared by the accept thread, connection threads
/// and `run()`.
final class ServerState: Sendable {
    enum Phase {
        case idle
        case running
        case draining
    }

    enum Admission {
        case accepted(ConnectionHandle)
        case busy
        case closing
    }

    private struct State {
        var phase = Phase.idle
        var accepting = false
        var nextID = 0
        var connections: [Int: any TrackedConnection] = [:]
        /// Kept-alive connections waiting for their next request, with the time they became idle.
        var idle: [Int: ContinuousClock.Instant] = [:]
        var waiters: [CheckedContinuation<Void, Never>] = []

        var isStopped: Bool {
            phase == .draining && !accepting && connections.isEmpty
        }
    }

    private let state = Mutex(State())

    /// Moves from idle to running; `false` if the server already ran or was shut down first.
    func startAccepting() -> Bool {
        state.withLock { state in
            guard state.phase == .idle else { return false }
            state.phase = .running
            state.accepting = true
            return true
        }
    }

    /// Registers a new connection unless the server is full or closing.
    func admit(fd: Int32, maxConnections: Int) -> Admission {
        state.withLock { state in
            guard state.phase == .running else { return .closing }
            guard state.connections.count < maxConnections else { return .busy }
            state.nextID += 1
            let handle = ConnectionHandle(id: state.nextID, fd: fd)
            state.connections[handle.id] = handle
            return .accepted(handle)
        }
    }

    /// Registers a connection made by `make` unless the server is closing; at the cap the longest-idle
    /// connection, if idle for at least `evictIdleAfter`, is evicted to make room (returned, to be
    /// closed by its owner), else the newcomer is refused as busy.
    func admit(
        maxConnections: Int, evictIdleAfter: Duration, make: (Int) -> any TrackedConnection
    ) -> (admitted: (any TrackedConnection)?, evicted: (any TrackedConnection)?, closing: Bool) {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard state.phase == .running else { return (nil, nil, true) }
            var evicted: (any TrackedConnection)?
            if state.connections.count >= maxConnections {
                guard let oldest = state.idle.min(by: { $0.value < $1.value }),
                      now - oldest.value >= evictIdleAfter else { return (nil, nil, false) }
                state.idle[oldest.key] = nil
                evicted = state.connections.removeValue(forKey: oldest.key)
            }
            state.nextID += 1
            let connection = make(state.nextID)
            state.connections[state.nextID] = connection
            return (connection, evicted, false)
        }
    }

    /// Marks a connection idle between requests, so it may be evicted at the connection cap.
    func markIdle(_ id: Int) {
        state.withLock { state in
            if state.connections[id] != nil { state.idle[id] = .now }
        }
    }

    /// Marks an idle connection busy again; `false` if it was evicted meanwhile (it must then close).
    func markBusy(_ id: Int) -> Bool {
        state.withLock { state in
            state.idle[id] = nil
            return state.connections[id] != nil
        }
    }

    /// The number of open connections.
    var connectionCount: Int {
        state.withLock { $0.connections.count }
    }

    /// Whether a graceful (or forced) shutdown has begun.
    var isDraining: Bool {
        state.withLock { $0.phase == .draining }
    }

    /// Begins draining; `true` only for the first call.
    func beginDraining() -> Bool {
        let (first, waiters) = update { state in
            guard state.phase != .draining else { return false }
            state.phase = .draining
            return true
        }
        waiters.forEach { $0.resume() }
        return first
    }

    func connectionEnded(_ id: Int) {
        update { state in
            state.idle[id] = nil
            _ = state.connections.removeValue(forKey: id)
        }.waiters.forEach { $0.resume() }
    }

    func acceptLoopEnded() {
        update { $0.accepting = false }.waiters.forEach { $0.resume() }
    }

    /// Forces every open connection closed.
    func forceCloseAll() {
        state.withLock { Array($0.connections.values) }.forEach { $0.forceClose() }
    }

    /// Returns once draining has begun, the accept loop has ended and every connection has closed.
    func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let stopped = state.withLock { state in
                if state.isStopped { return true }
                state.waiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    /// Applies `change`, then hands back the waiters to resume (outside the lock) if that stopped the server.
    private func update<T>(_ change: (inout State) -> T) -> (value: T, waiters: [CheckedContinuation<Void, Never>]) {
        state.withLock { state in
            let value = change(&state)
            guard state.isStopped else { return (value, []) }
            defer { state.waiters = [] }
            return (value, state.waiters)
        }
    }
}
