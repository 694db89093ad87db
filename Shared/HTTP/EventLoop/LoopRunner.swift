import CEpoll
import Glibc

/// The body of one event-loop thread: waits on `epoll`, runs the connections it owns, takes
/// messages and ticks the clock. The first loop also owns the listening socket.
final class LoopRunner {
    let loop: EventLoop
    let core: ServerCore
    /// Every loop of the server, to hand accepted connections round-robin (first loop only).
    let loops: [EventLoop]
    var listener: Listener?
    var connections: [Int32: LoopConnection] = [:]
    var descriptors: [Int: Int32] = [:]
    let scratch = ScratchBuffer(count: 64 * 1024)
    var nextLoop = 0
    /// Set after `accept` ran out of descriptors: the listener rests until the next tick.
    var acceptPaused = false

    /// How often deadlines and data rates are checked; it bounds their precision.
    static let tickInterval: Duration = .milliseconds(50)

    init(loop: EventLoop, core: ServerCore, loops: [EventLoop], listener: Listener?) {
        self.loop = loop
        self.core = core
        self.loops = loops
        self.listener = listener
    }

    func run() {
        if let listener {
            _ = fcntl(listener.fd, F_SETFL, fcntl(listener.fd, F_GETFL) | O_NONBLOCK)
            loop.register(listener.fd, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
        }
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var nextTick = ContinuousClock.now + Self.tickInterval
        while true {
            let count = epoll_wait(loop.epoll, &events, Int32(events.count), Socket.milliseconds(until: nextTick))
            for index in 0..<max(0, Int(count)) {
                let fd = events[index].data.fd
                if fd == loop.wakeRead {
                    guard takeMessages() else { return stop() }
                } else if fd == listener?.fd {
                    acceptAll()
                } else if let connection = connections[fd] {
                    connection.handle(events: events[index].events)
                    forget(connection)
                }
            }
            let now = ContinuousClock.now
            if now >= nextTick {
                nextTick = now + Self.tickInterval
                for connection in Array(connections.values) {
                    connection.tick(now)
                    forget(connection)
                }
                resumeAccepting()
            }
        }
    }

    /// Drops a connection that closed.
    func forget(_ connection: LoopConnection) {
        guard connection.isClosed, connections[connection.fd] === connection else { return }
        connections[connection.fd] = nil
        descriptors[connection.id] = nil
    }

    /// Handles queued messages; `false` once the loop is to stop.
    private func takeMessages() -> Bool {
        for message in loop.takeMessages() {
            switch message {
            case .adopt(let fd, let remote, let handle):
                adopt(fd, remote: remote, handle: handle)
            case .read(let id, let request, let continuation):
                guard let connection = connection(id) else {
                    message.abandon()
                    continue
                }
                connection.read(request: request, continuation)
                forget(connection)
            case .respond(let id, let request, let response):
                guard let connection = connection(id) else { continue }
                connection.respond(request: request, response)
                forget(connection)
            case .forceClose(let id):
                connection(id).map { $0.close(); forget($0) }
            case .evict(let id):
                connection(id).map { $0.close(); forget($0) }
            case .drain:
                stopAccepting()
                for connection in Array(connections.values) {
                    connection.drain()
                    forget(connection)
                }
            case .stop:
                return false
            }
        }
        return true
    }

    private func connection(_ id: Int) -> LoopConnection? {
        descriptors[id].flatMap { connections[$0] }
    }

    func adopt(_ fd: Int32, remote: String, handle: LoopConnectionHandle) {
        let connection = LoopConnection(fd: fd, remoteAddress: remote, handle: handle, core: core, scratch: scratch)
        connections[fd] = connection
        descriptors[handle.id] = fd
        connection.interest = EPOLLIN.rawValue
        loop.register(fd, events: EPOLLIN.rawValue, operation: EPOLL_CTL_ADD)
        // Shutdown may have begun between admission and adoption.
        if core.state.isDraining { connection.drain() }
        forget(connection)
    }

    /// Ends the thread: closes whatever is left and abandons messages that arrive too late.
    private func stop() {
        stopAccepting()
        for connection in connections.values { connection.close() }
        connections = [:]
        loop.close().forEach { $0.abandon() }
    }
}
