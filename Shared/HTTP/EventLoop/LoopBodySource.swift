import Synchronization

/// A request body read through the event loop that owns the connection: each read is a message,
/// answered when the loop has decoded enough bytes (the handler never touches the socket).
final class LoopBodySource: BodySource {
    let loop: EventLoop
    let connection: Int
    let request: Int
    private let claimed = Mutex(false)

    init(loop: EventLoop, connection: Int, request: Int) {
        self.loop = loop
        self.connection = connection
        self.request = request
    }

    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }

    func nextChunk() async throws -> [UInt8]? {
        try await withCheckedThrowingContinuation { loop.post(.read(id: connection, request: request, $0)) }
    }
}
