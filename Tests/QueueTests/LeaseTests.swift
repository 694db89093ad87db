import Foundation
import Postgres
@testable import Queue
import Testing
import TestSupport

@Suite("Leases and rescue")
struct LeaseTests {
    @Test("a rescued job whose first worker finishes late is not overwritten")
    func lateFinisherLoses() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        try await JobQueue(pool: pool).enqueue(Ping(n: 1))
        let first = try #require(try await pool.query(JobQueries.claim.binding("default", 1, "worker-a", "50 milliseconds")).map(JobRecord.init).first)
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await pool.query(JobQueries.rescue).affectedRows == 1)
        let second = try #require(try await pool.query(JobQueries.claim.binding("default", 1, "worker-b", "60 seconds")).map(JobRecord.init).first)
        #expect(second.id == first.id)
        #expect(second.attempt == 2)

        // Worker A wakes up and tries to finish transactionally: it must lose, and roll back.
        let late = JobContext(record: first, workerID: "worker-a")
        let error = try await #require(throws: QueueError.self) {
            try await pool.transaction { connection in try await late.complete(on: connection) }
        }
        #expect(error.code == .leaseLost)
        // The batched path ignores it too.
        try await pool.query(JobQueries.completeMany.binding([first.id], ["\(first.id):\(first.attempt)"]))
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_job_history") == 0)

        try await pool.transaction { connection in try await JobContext(record: second, workerID: "worker-b").complete(on: connection) }
        let row = try #require(try await pool.query(PostgresQuery("h", "SELECT attempt, attempted_by, errors->0->>'error' AS note FROM occ_job_history")).single)
        #expect(try row.decode(Int.self, "attempt") == 2)
        #expect(try row.decode(String.self, "attempted_by") == "worker-b")
        #expect(try row.decode(String.self, "note").contains("lease expired"))
        await pool.close()
    }

    @Test("a heartbeat keeps a long job's lease alive")
    func heartbeatExtends() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        try await JobQueue(pool: pool).enqueue(Ping(n: 1))
        _ = try await pool.query(JobQueries.claim.binding("default", 1, "worker-a", "60 seconds"))
        // Time passing is simulated by moving the lease into the past, so the test does not
        // depend on how promptly a loaded machine wakes it.
        let expire = PostgresQuery("expire", "UPDATE occ_jobs SET lease_expires_at = now() - interval '1 second'")
        try await pool.query(expire)
        try await pool.query(JobQueries.heartbeat.binding("worker-a", "60 seconds"))
        #expect(try await pool.query(JobQueries.rescue).affectedRows == 0)
        // Another process's heartbeat does not extend this one's lease.
        try await pool.query(expire)
        try await pool.query(JobQueries.heartbeat.binding("worker-b", "60 seconds"))
        #expect(try await pool.query(JobQueries.rescue).affectedRows == 1)
        await pool.close()
    }

    @Test("operator cancel and discard act on waiting jobs only")
    func operatorCommands() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        let a = try await queue.enqueue(Ping(n: 1))
        let b = try await queue.enqueue(Ping(n: 2))
        try await queue.cancel(id: a.id)
        try await queue.discard(id: b.id)
        #expect(try await queue.list(state: "cancelled").map(\.id) == [a.id])
        #expect(try await queue.list(state: "discarded").map(\.id) == [b.id])
        let error = try await #require(throws: QueueError.self) { try await queue.cancel(id: a.id) }
        #expect(error.code == .wrongState)
        let c = try await queue.enqueue(Ping(n: 3))
        _ = try await pool.query(JobQueries.claim.binding("default", 1, "w", "60 seconds"))
        await #expect(throws: QueueError.self) { try await queue.cancel(id: c.id) }
        let depth = try await queue.depth()
        #expect(depth.contains { $0.state == "running" && $0.count == 1 })
        await pool.close()
    }
}
