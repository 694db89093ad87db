import Postgres
import ServiceKit

/// Samples `pg_locks` while a benchmark runs, counting backends that wait for an audit lock: the
/// chainer's advisory lock or any lock on `audit_log`. Before migration 6 every audited commit
/// queued for one advisory lock; request paths now take none, so this should stay at zero.
struct AuditLockSampler: Sendable {
    struct Waits: Sendable {
        let samples: Int
        /// Samples that saw at least one waiting backend.
        let samplesWithWaiters: Int
        /// Waiting backends summed over samples, times the interval: an estimate of time spent waiting.
        let estimatedWait: Duration
    }

    static let waiting = PostgresQuery("bench_audit_lock_waits", """
        SELECT count(*)::int AS n FROM pg_locks
        WHERE NOT granted AND (
            (locktype = 'advisory' AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1)
            OR (locktype = 'relation' AND relation = 'audit_log'::regclass))
        """)

    private let task: Task<Waits, any Error>

    /// Starts sampling every `interval` on a connection of its own.
    init(conninfo: String, interval: Duration = .milliseconds(10)) async throws {
        let connection = try await PostgresConnection.connect(conninfo, applicationName: "occ-bench-lock-sampler")
        task = Task {
            var samples = 0, withWaiters = 0, waiting = 0
            while !Task.isCancelled {
                guard let count = try? await connection.query(Self.waiting.binding(AuditChainer.lockKey)).single?.decode(Int.self, "n") else { break }
                samples += 1
                waiting += count
                if count > 0 { withWaiters += 1 }
                try? await Task.sleep(for: interval)
            }
            await connection.close()
            return Waits(samples: samples, samplesWithWaiters: withWaiters, estimatedWait: interval * waiting)
        }
    }

    /// Stops sampling and returns what it saw.
    func finish() async throws -> Waits {
        task.cancel()
        return try await task.value
    }
}
