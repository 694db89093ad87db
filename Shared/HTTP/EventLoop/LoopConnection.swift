import CEpoll
import Glibc
import Runtime

/// One client connection on an event loop: a state machine moved on by socket readiness, handler
/// messages and the loop's clock tick. It costs its buffers, not a thread. Confined to its loop's thread.
final class LoopConnection {
    enum Phase {
        /// Kept alive (or just accepted) with nothing received since `since`.
        case idle(since: ContinuousClock.Instant)
        /// Receiving a request head whose first byte arrived at `started`.
        case head(started: ContinuousClock.Instant, deadline: ContinuousClock.Instant)
        /// A handler is running, or its answer waits for the body to be settled.
        case handling(LoopExchange)
        /// Writing an answer; then the next request, or a (lingering) close.
        case writing(keepAlive: Bool, linger: Bool)
        /// Answered and half-closed: discarding what the peer still sends until it closes or `deadline`.
        case lingering(deadline: ContinuousClock.Instant, discarded: Int)
        case closed
    }

    let id: Int
    let fd: Int32
    let remoteAddress: String
    let handle: LoopConnectionHandle
    let core: ServerCore
    /// The loop's receive buffer, shared by its connections (one thread uses it at a time).
    let scratch: ScratchBuffer
    var phase: Phase
    var input: LoopBuffer
    var output: [UInt8] = []
    var outputOffset = 0
    var writeDeadline = ContinuousClock.now
    var requestsServed = 0
    /// The peer sent its end of stream; nothing more will arrive.
    var peerClosed = false
    /// The `epoll` events currently registered.
    var interest: UInt32 = 0

    var configuration: HTTPServer.Configuration { core.configuration }
    var loop: EventLoop { handle.loop }

    init(fd: Int32, remoteAddress: String, handle: LoopConnectionHandle, core: ServerCore, scratch: ScratchBuffer) {
        self.scratch = scratch
        id = handle.id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.handle = handle
        self.core = core
        phase = .idle(since: .now)
        input = LoopBuffer(capacity: core.configuration.readBufferBytes)
        // Nothing received yet: evictable at the cap like any idle connection.
        core.state.markIdle(id)
        core.instruments?.active.increment()
    }

    var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    /// Handles `epoll` readiness, then moves the state machine as far as it can go.
    func handle(events: UInt32) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            // Both directions are gone (or the socket failed): no answer can reach the client.
            return close()
        }
        if events & EPOLLIN.rawValue != 0 { receive() }
        advance()
    }

    /// Reads what the socket has, up to the buffer's room (the back-pressure on reads).
    private func receive() {
        if case .lingering(let deadline, let discarded) = phase { return discard(deadline: deadline, discarded: discarded) }
        while input.space > 0 {
            let target = UnsafeMutableRawBufferPointer(rebasing: scratch.bytes[0..<min(input.space, scratch.bytes.count)])
            let result = Socket(fd: fd).receive(into: target)
            if case .bytes(let count) = result { input.append(UnsafeRawBufferPointer(rebasing: target[0..<count])) }
            switch result {
            case .bytes: continue
            case .wouldBlock: return
            case .closed, .failed:
                peerClosed = true
                return
            }
        }
    }

    private func discard(deadline: ContinuousClock.Instant, discarded: Int) {
        var total = discarded
        while total < Connection.maxDrainBytes {
            let result = Socket(fd: fd).receive(into: scratch.bytes)
            switch result {
            case .bytes(let count): total += count
            case .wouldBlock:
                phase = .lingering(deadline: deadline, discarded: total)
                return
            case .closed, .failed:
                return close()
            }
        }
        close()
    }

    /// Moves the state machine until it must wait for the socket, a handler or the clock.
    func advance() {
        while true {
            guard flush() else { return close() }
            switch phase {
            case .closed, .lingering:
                return updateInterest()
            case .idle:
                guard input.available > 0 else {
                    if peerClosed || core.state.isDraining { return close() }
                    input.release()
                    return updateInterest()
                }
                guard core.state.markBusy(id) else { return close() }
                phase = .head(started: .now, deadline: .now + configuration.headerTimeout)
            case .head:
                guard readHead() else {
                    if peerClosed { return close() }
                    return updateInterest()
                }
            case .handling(var exchange):
                let progressed = serve(&exchange)
                if case .handling = phase { phase = .handling(exchange) }
                if !progressed { return updateInterest() }
            case .writing(let keepAlive, let linger):
                guard outputOffset == output.count else { return updateInterest() }
                guard keepAlive else {
                    guard linger else { return close() }
                    Glibc.shutdown(fd, Int32(SHUT_WR))
                    phase = .lingering(deadline: .now + configuration.lingerTimeout, discarded: 0)
                    discard(deadline: .now + configuration.lingerTimeout, discarded: 0)
                    continue
                }
                requestsServed += 1
                phase = .idle(since: .now)
                if input.available == 0 { core.state.markIdle(id) }
            }
        }
    }

    /// Registers exactly the events the current phase waits for.
    func updateInterest() {
        guard !isClosed else { return }
        var wanted: UInt32 = 0
        switch phase {
        case .idle, .head, .lingering:
            if !peerClosed, input.space > 0 { wanted |= EPOLLIN.rawValue }
        case .handling(let exchange):
            if !peerClosed, input.starved, exchange.pendingRead != nil || exchange.response != nil {
                wanted |= EPOLLIN.rawValue
            }
        case .writing, .closed:
            break
        }
        if outputOffset < output.count { wanted |= EPOLLOUT.rawValue }
        guard wanted != interest else { return }
        interest = wanted
        loop.register(fd, events: wanted, operation: EPOLL_CTL_MOD)
    }

    /// Closes the socket, cancels a running handler and frees the connection's slot.
    func close() {
        guard !isClosed else { return }
        if case .handling(let exchange) = phase {
            exchange.pendingRead?.resume(throwing: HTTPError(.badRequest, detail: "connection closed"))
            if exchange.response == nil { Self.cancel(exchange.task) }
        }
        phase = .closed
        loop.register(fd, events: 0, operation: EPOLL_CTL_DEL)
        // The slot is freed before the socket closes: a client that saw the close may connect again at once.
        handle.ended()
        core.instruments?.active.decrement()
        _ = Glibc.close(fd)
    }

    /// Cancels a handler off the loop: cancelling can block (a running query's cancel request is a
    /// round trip to a database server that may be unreachable).
    static func cancel(_ task: Task<Void, Never>) {
        if !OSThread.spawn(stackSize: 256 * 1024, { task.cancel() }) { task.cancel() }
    }

    /// Whether `bytes` over `elapsed` is below `rate` bytes/s once `grace` is subtracted.
    static func belowRate(bytes: Int, over elapsed: Duration, rate: Int, grace: Duration) -> Bool {
        guard rate > 0, elapsed > grace else { return false }
        let seconds = Double((elapsed - grace).components.seconds)
            + Double((elapsed - grace).components.attoseconds) / 1e18
        return Double(bytes) < Double(rate) * seconds
    }
}
