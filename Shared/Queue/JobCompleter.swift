import Postgres
import Synchronization

/// Batches completions: while one flush is in flight, finished jobs accumulate, and the next
/// flush moves them all to history in one statement. Idle, a completion is written at once.
final class JobCompleter: Sendable {
    private struct State {
        var ids: [Int64] = []
        var attempts: [Int] = []
        var flushing = false
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let pool: PostgresPool
    private let onError: @Sendable (Error) -> Void
    private let state = Mutex(State())

    init(pool: PostgresPool, onError: @escaping @Sendable (Error) -> Void) {
        self.pool = pool
        self.onError = onError
    }

    func complete(id: Int64, attempt: Int) {
        let startFlush = state.withLock { state -> Bool in
            state.ids.append(id)
            state.attempts.append(attempt)
            if state.flushing { return false }
            state.flushing = true
            return true
        }
        if startFlush { Task { await self.flushLoop() } }
    }

    /// Waits until every completion handed in so far is written.
    func drain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if !state.flushing && state.ids.isEmpty { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func flushLoop() async {
        while true {
            let batch = state.withLock { state -> ([Int64], [Int])? in
                if state.ids.isEmpty {
                    state.flushing = false
                    return nil
                }
                defer { state.ids.removeAll(keepingCapacity: true); state.attempts.removeAll(keepingCapacity: true) }
                return (state.ids, state.attempts)
            }
            guard let batch else { break }
            await write(batch)
        }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        waiters.forEach { $0.resume() }
    }

    private func write(_ batch: ([Int64], [Int])) async {
        // Detached from cancellation: a completion already earned must reach the database.
        let pool = self.pool
        for attemptNumber in 1...5 {
            do {
                _ = try await Task.detached { try await pool.query(JobQueries.completeMany.binding(batch.0, batch.1)) }.value
                return
            } catch {
                onError(error)
                try? await Task.sleep(for: .milliseconds(50 * attemptNumber))
            }
        }
        // Still failing: the jobs stay `running` and the rescuer returns them after their lease.
    }
}
