import Synchronization

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
        var connections: [Int: ConnectionHandle] = [:]
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
        update { _ = $0.connections.removeValue(forKey: id) }.waiters.forEach { $0.resume() }
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
