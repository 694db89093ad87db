import Dispatch
import Synchronization

/// The mailbox between one request's handler task and the connection thread that owns the socket.
///
/// The handler never touches the socket: to read body bytes it posts a continuation here and the connection
/// thread, blocked in `take()`, performs the read and resumes it. The finished response arrives the same way.
final class Exchange: BodySource {
    enum Command: Sendable {
        case read(CheckedContinuation<[UInt8]?, any Error>)
        case respond(Response)
        case abort
    }

    private struct State {
        var commands: [Command] = []
        var closed = false
        var claimed = false
    }

    private let state = Mutex(State())
    private let ready = DispatchSemaphore(value: 0)

    func claim() -> Bool {
        state.withLock { state in
            defer { state.claimed = true }
            return !state.claimed
        }
    }

    func nextChunk() async throws -> [UInt8]? {
        try await withCheckedThrowingContinuation { post(.read($0)) }
    }

    /// Queues `command` for the connection thread; after `close()` reads fail and everything else is dropped.
    func post(_ command: Command) {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.commands.append(command)
            return true
        }
        if accepted {
            ready.signal()
        } else if case .read(let continuation) = command {
            continuation.resume(throwing: Exchange.finished)
        }
    }

    /// Blocks the calling (connection) thread until a command arrives.
    func take() -> Command {
        ready.wait()
        return state.withLock { $0.commands.removeFirst() }
    }

    /// Ends the exchange: pending and later body reads fail.
    func close() {
        let pending = state.withLock { state in
            state.closed = true
            defer { state.commands = [] }
            return state.commands
        }
        for case .read(let continuation) in pending {
            continuation.resume(throwing: Exchange.finished)
        }
    }

    private static let finished = HTTPError(.internalServerError, detail: "the request body is no longer available")
}
