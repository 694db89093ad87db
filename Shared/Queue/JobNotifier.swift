import Postgres
import Synchronization

/// Debounces NOTIFY: at most one per queue per window from this process.
///
/// NOTIFY takes a cluster-wide lock at commit, so one per insert would serialise busy producers.
/// Inserts suppressed inside a window are announced by a single trailing NOTIFY at its end;
/// workers' polling remains the backstop either way.
final class JobNotifier: Sendable {
    private struct QueueState {
        var lastNotify: ContinuousClock.Instant
        var trailingScheduled = false
    }

    private let pool: PostgresPool
    private let window: Duration
    private let state = Mutex<[String: QueueState]>([:])

    init(pool: PostgresPool, window: Duration) {
        self.pool = pool
        self.window = window
    }

    /// True if the caller should NOTIFY for `queue` now; otherwise a trailing NOTIFY is arranged.
    func claimNotify(_ queue: String) -> Bool {
        let now = ContinuousClock.now
        enum Decision { case notify, trail(Duration), nothing }
        let decision = state.withLock { states -> Decision in
            guard var entry = states[queue] else {
                states[queue] = QueueState(lastNotify: now)
                return .notify
            }
            if now - entry.lastNotify >= window {
                entry.lastNotify = now
                states[queue] = entry
                return .notify
            }
            if entry.trailingScheduled { return .nothing }
            entry.trailingScheduled = true
            states[queue] = entry
            return .trail(window - (now - entry.lastNotify))
        }
        switch decision {
        case .notify: return true
        case .nothing: return false
        case .trail(let delay):
            // Off the caller's connection thread: a timer must not wait behind the caller's queries.
            Task(executorPreference: globalConcurrentExecutor) { [pool, window] in
                try? await Task.sleep(for: delay)
                self.state.withLock { states in
                    states[queue]?.trailingScheduled = false
                    states[queue]?.lastNotify = .now
                }
                // Sent a little after the window so that the suppressed inserts have committed.
                try? await Task.sleep(for: window)
                _ = try? await pool.query(JobQueries.notify.binding(queue))
            }
            return false
        }
    }
}
