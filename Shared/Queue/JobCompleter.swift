import Postgres
import Synchronization

/// Batches completions: while one flush is in flight, finished jobs accumulate, and the next
/// flush moves them to history in one statement (at most `maxBatch` per statement). Idle, a
/// completion is written at once. `complete` returns when the completion is durable, so a job
/// counts against its queue's concurrency until then and running rows stay bounded.
final class JobCompleter: Sendable {
    private struct Pending {
        var ids: [Int64] = []
        var attempts: [Int] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private struct State {
        var pending = Pending()
        var flushing = false
    }

    static let maxBatch = 2000
    private let pool: PostgresPool
    private let onError: @Sendable (Error) -> Void
    private let state = Mutex(State())

    init(pool: PostgresPool, onError: @escaping @Sendable (Error) -> Void) {
        self.pool = pool
        self.onError = onError
    }

    /// Records the completion and waits until it is written (or given up on after retries, in
    /// which case the job stays `running` and the rescuer returns it after its lease).
    func complete(id: Int64, attempt: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
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
            await write(batch.ids, batch.attempts)
            batch.waiters.forEach { $0.resume() }
        }
    }

    private func write(_ ids: [Int64], _ attempts: [Int]) async {
        for attemptNumber in 1...5 {
            do {
                let keys = zip(ids, attempts).map { "\($0):\($1)" }
                try await pool.query(JobQueries.completeMany.binding(ids, keys))
                return
            } catch {
                onError(error)
                try? await Task.sleep(for: .milliseconds(50 * attemptNumber))
            }
        }
    }
}
