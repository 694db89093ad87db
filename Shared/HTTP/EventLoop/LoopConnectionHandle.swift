/// The part of an event-loop connection the rest of the server may touch: it only posts to the loop.
final class LoopConnectionHandle: TrackedConnection {
    let id: Int
    let loop: EventLoop
    let state: ServerState

    init(id: Int, loop: EventLoop, state: ServerState) {
        self.id = id
        self.loop = loop
        self.state = state
    }

    func forceClose() {
        loop.post(.forceClose(id: id))
    }

    func evict() {
        loop.post(.evict(id: id))
    }

    /// The connection is gone: frees its slot.
    func ended() {
        state.connectionEnded(id)
    }
}
