import Postgres
import Synchronization

/// Batches completions: while one flush is in flight, finished jobs accumulate, and the next
/// flush moves them to history in one statement (at most `maxBatch` per statement). Idle, a
/// completion is written at once. `complete` returns when the completion is durable, so a job
/// counts against its queue's concurrency until then and running rows stay bounded.
///
/// A batch that cannot be written is retried (`OutcomeRetry`) for the worker's
/// `outcomeRetryWindow`; its jobs stay in flight, and so keep their leases, meanwhile.
final class JobCompleter: Sendable {
    private struct Pending {
        var ids: [Int64] = []
        var attempts: [Int] = []
        var waiters: [CheckedContinuation<Bool, Never>] = []
    }

    private struct State {
        var pending = Pending()
        var flushing = false
    }

    static let maxBatch = 2000
    private let pool: PostgresPool
    private let retry: OutcomeRetry
    private let onFailure: @Sendable (Error, Int) -> Void
    private let state = Mutex(State())
    private let stopped = Atomic<Bool>(false)

    init(pool: PostgresPool, retryWindow: Duration, onFailure: @escaping @Sendable (Error, Int) -> Void) {
        self.pool = pool
        self.retry = OutcomeRetry(window: retryWindow)
        self.onFailure = onFailure
    }

    /// Records the completion and waits until it is written: true, or false once retries were
    /// given up (the job then stays `running` until its lease lapses and the rescuer returns it).
    func complete(id: Int64, attempt: Int) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let startFlush = state.withLock { state -> Bool in
                state.pending.ids.append(id)
                state.pending.attempts.append(attempt)
                state.pending.waiters.append(continuation)
                if state.flushing { return false }
                state.flushing = true
                return true
            }
            if startFlush { Task.detached { await self.flushLoop() } }
        }
    }

    /// A hard stop: failed writes are no longer retried (each batch still gets one try).
    func stopRetrying() {
        stopped.store(true, ordering: .relaxed)
    }

    private func flushLoop() async {
        while true {
            let batch = state.withLock { state -> Pending? in
                if state.pending.ids.isEmpty {
                    state.flushing = false
                    return nil
                }
                let count = min(state.pending.ids.count, Self.maxBatch)
                let batch = Pending(ids: Array(state.pending.ids.prefix(count)),
                                    attempts: Array(state.pending.attempts.prefix(count)),
                                    waiters: Array(state.pending.waiters.prefix(count)))
                state.pending.ids.removeFirst(count)
                state.pending.attempts.removeFirst(count)
                state.pending.waiters.removeFirst(count)
                return batch
            }
            guard let batch else { return }
            let written = await write(batch.ids, batch.attempts)
            batch.waiters.forEach { $0.resume(returning: written) }
        }
    }

    private func write(_ ids: [Int64], _ attempts: [Int]) async -> Bool {
        let query = JobQueries.completeMany.binding(ids, zip(ids, attempts).map { "\($0):\($1)" })
        return await retry.run({ _ = try await pool.query(query) }, onFailure: onFailure, giveUp: { stopped.load(ordering: .relaxed) })
    }
}
