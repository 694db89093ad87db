import Foundation
import Postgres
@testable import Queue
import Runtime
import Testing
import TestSupport

@Suite("Timeouts")
struct TimeoutTests {
    @Test("a handler running past its timeout is cancelled and the attempt retried (kind's own, or the worker's)",
          arguments: [true, false])
    func longHandlerTimesOut(kindTimeout: Bool) async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let job = try await JobQueue(pool: pool).enqueue(Ping(n: 1))
        let cancelled = TestSignal()
        var registry = JobWorkerRegistry()
        registry.register(Ping.self, timeout: kindTimeout ? .milliseconds(300) : nil) { _, context in
            if context.record.attempt == 1 {
                // Work that would take ten minutes; only the timeout's cancellation ends it.
                do {
                    try await Task.sleep(for: .seconds(600))
                } catch {
                    cancelled.fire()
                    throw error
                }
            }
            return .complete
        }
        var configuration = fastConfiguration()
        configuration.jobTimeout = kindTimeout ? .seconds(600) : .milliseconds(300)
        let metrics = MetricsRegistry()
        try await withWorker(db, registry: registry, configuration: configuration, metrics: metrics) { (_: JobWorker) async throws -> Void in
            try #require(try await eventually { try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE id = $1", [job.id]) == 1 })
        }
        #expect(cancelled.count == 1)
        let row = try #require(try await pool.query(PostgresQuery("test_timed_out", """
            SELECT state, attempt, errors->0->>'error' AS error FROM occ_job_history WHERE id = $1
            """, [job.id])).single)
        #expect(try row.decode(String.self, "state") == "completed")
        #expect(try row.decode(Int.self, "attempt") == 2)
        #expect(try row.decode(String.self, "error").hasPrefix("timed out after 300 ms"))
        let timeouts = metrics.counter("occ_job_timeouts_total", help: "", labels: ["queue": "default", "kind": "ping"])
        #expect(timeouts.value == 1)
        await pool.close()
    }

    @Test("a handler that finishes within its timeout is not disturbed")
    func quickHandlerUnaffected() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        for n in 0..<20 { try await JobQueue(pool: pool).enqueue(Ping(n: n)) }
        let seen = Recorder()
        var registry = JobWorkerRegistry()
        registry.register(Ping.self, timeout: .seconds(30)) { ping, _ in
            seen.add(ping.n)
            return .complete
        }
        try await withWorker(db, registry: registry, configuration: fastConfiguration()) { (_: JobWorker) async throws -> Void in
            #expect(try await eventually { try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE attempt = 1 AND errors = '[]'") == 20 })
        }
        #expect(seen.all.sorted() == Array(0..<20))
        await pool.close()
    }
}
