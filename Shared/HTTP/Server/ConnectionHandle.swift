import Glibc
import Synchronization

/// The part of a connection other threads may touch: used to force it closed during a hard shutdown.
final class ConnectionHandle: TrackedConnection {
    private struct State {
        var closed = false
        var exchange: Exchange?
        var task: Task<Void, Never>?
    }

    let id: Int
    let socket: Socket
    private let state = Mutex(State())

    init(id: Int, fd: Int32) {
        self.id = id
        self.socket = Socket(fd: fd)
    }

    /// Records the request in flight so `forceClose()` can abort it.
    func begin(_ exchange: Exchange, task: Task<Void, Never>) {
        state.withLock { state in
            state.exchange = exchange
            state.task = task
        }
    }

    /// Clears the request in flight.
    func end() {
        state.withLock { state in
            state.exchange = nil
            state.task = nil
        }
    }

    /// Closes the descriptor; from here on `forceClose()` is a no-op, so a reused fd number is never touched.
    func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            _ = Glibc.close(socket.fd)
        }
    }

    /// Thread-per-connection connections never report idleness, so they are never chosen.
    func evict() {
        forceClose()
    }

    /// Wakes the connection thread wherever it is blocked and cancels its handler.
    func forceClose() {
        let (exchange, task) = state.withLock { state -> (Exchange?, Task<Void, Never>?) in
            guard !state.closed else { return (nil, nil) }
            shutdown(socket.fd, Int32(SHUT_RDWR))
            return (state.exchange, state.task)
        }
        task?.cancel()
        exchange?.post(.abort)
    }
}
