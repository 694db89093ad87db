import Dispatch
import Synchronization

/// The mailbox between one request's handler task and the connection thread that owns the socket,
/// and that task's preferred executor.
///
/// The handler never touches the socket: to read body bytes it posts a continuation here and the connection
/// thread, blocked in `take()`, performs the read and resumes it. The finished response arrives the same way.
/// The handler's own code runs on the connection thread too (its jobs arrive as `.job`), so a request
/// costs no thread hand-offs except into and out of a database connection's thread.
final class Exchange: BodySource, TaskExecutor {
    enum Command: Sendable {
        case job(UnownedJob)
        case read(CheckedContinuation<[UInt8]?, any Error>)
        case respond(Response)
        /// The request timeout passed: answer 503 now (the handler is being cancelled).
        case expire
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

    func enqueue(_ job: consuming ExecutorJob) {
        post(.job(UnownedJob(job)))
    }

    /// Queues `command` for the connection thread; after `close()` reads fail, the handler's jobs
    /// move to the global executor (a task is never dropped) and responses are dropped.
    func post(_ command: Command) {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.commands.append(command)
            return true
        }
        if accepted {
            ready.signal()
        } else {
            Self.abandon(command)
        }
    }

    private static func abandon(_ command: Command) {
        switch command {
        case .job(let job): globalConcurrentExecutor.enqueue(job)
        case .read(let continuation): continuation.resume(throwing: Exchange.finished)
        case .respond, .expire, .abort: break
        }
    }

    /// Blocks the calling (connection) thread until a command arrives.
    func take() -> Command {
        ready.wait()
        return state.withLock { $0.commands.removeFirst() }
    }

    /// Ends the exchange: pending and later body reads fail; the handler's jobs run elsewhere.
    func close() {
        let pending = state.withLock { state in
            state.closed = true
            defer { state.commands = [] }
            return state.commands
        }
        pending.forEach(Self.abandon)
    }

    private static let finished = HTTPError(.internalServerError, detail: "the request body is no longer available")
}
