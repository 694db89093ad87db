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
        let first = try #require(try await pool.query(JobQueries.claim.binding("default", 1, "worker-a", "60 seconds")).map(JobRecord.init).first)
        try await pool.query(Self.expireLeases)
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

    /// Time passing is simulated by moving leases into the past, so tests do not depend on how
    /// promptly a loaded machine wakes them.
    static let expireLeases = PostgresQuery("expire", "UPDATE occ_jobs SET lease_expires_at = now() - interval '1 second'")

    @Test("a heartbeat keeps the leases of the jobs named, at the attempt named, by the worker holding them")
    func heartbeatExtends() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        for n in 1...3 { try await queue.enqueue(Ping(n: n)) }
        let jobs = try await pool.query(JobQueries.claim.binding("default", 3, "worker-a", "60 seconds")).map(JobRecord.init)
        let (a, b, c) = (jobs[0], jobs[1], jobs[2])
        func heartbeat(_ worker: String, _ held: [(JobRecord, Int)]) async throws -> Int {
            try await pool.query(JobQueries.heartbeat.binding(worker, held.map(\.0.id), held.map { "\($0.0.id):\($0.1)" }, "60 seconds")).affectedRows
        }
        try await pool.query(Self.expireLeases)
        // a at its attempt: extended; b at a stale attempt: not; c not named: not.
        #expect(try await heartbeat("worker-a", [(a, a.attempt), (b, b.attempt + 1)]) == 1)
        #expect(try await pool.query(JobQueries.rescue).affectedRows == 2)
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs WHERE state = 'retryable' AND id = ANY($1::int8[])", [[b.id, c.id]]) == 2)
        // Another process's heartbeat does not extend this one's lease.
        try await pool.query(Self.expireLeases)
        #expect(try await heartbeat("worker-b", [(a, a.attempt)]) == 0)
        #expect(try await pool.query(JobQueries.rescue).affectedRows == 1)
        await pool.close()
    }

    @Test("operator cancel and discard act on waiting jobs only, unless forced")
    func operatorCommands() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        let a = try await queue.enqueue(Ping(n: 1))
        let b = try await queue.enqueue(Ping(n: 2))
        try await queue.cancel(id: a.id)
        try await queue.discard(id: b.id)
        #expect(try await queue.list(state: .cancelled).map(\.id) == [a.id])
        #expect(try await queue.list(state: .discarded).map(\.id) == [b.id])
        let error = try await #require(throws: QueueError.self) { try await queue.cancel(id: a.id) }
        #expect(error.code == .wrongState)
        let c = try await queue.enqueue(Ping(n: 3))
        let claimed = try #require(try await pool.query(JobQueries.claim.binding("default", 1, "w", "60 seconds")).map(JobRecord.init).first)
        let running = try await #require(throws: QueueError.self) { try await queue.cancel(id: c.id) }
        #expect(running.code == .running)
        let unknown = try await #require(throws: QueueError.self) { try await queue.discard(id: 987_654) }
        #expect(unknown.code == .notFound)
        let depth = try await queue.depth()
        #expect(depth.contains { $0.state == "running" && $0.count == 1 })
        // Forced, the running job ends now, and its attempt can no longer complete it.
        try await queue.cancel(id: c.id, force: true)
        #expect(try await queue.list(state: .cancelled).map(\.id).sorted() == [a.id, c.id])
        let refused = try await #require(throws: QueueError.self) {
            try await pool.transaction { try await JobContext(record: claimed, workerID: "w").complete(on: $0) }
        }
        #expect(refused.code == .leaseLost)
        await pool.close()
    }
}
