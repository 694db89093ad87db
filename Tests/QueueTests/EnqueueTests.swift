import Foundation
import Postgres
@testable import Queue
import Testing
import TestSupport

@Suite("Enqueue")
struct EnqueueTests {
    @Test("a job enqueued in a rolled-back transaction does not exist")
    func rolledBackEnqueue() async throws {
        struct Abort: Error {}
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        await #expect(throws: Abort.self) {
            try await pool.transaction { connection in
                try await queue.enqueue(Ping(n: 1), on: connection)
                throw Abort()
            }
        }
        try await pool.transaction { connection in _ = try await queue.enqueue(Ping(n: 2), on: connection) }
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs") == 1)
        #expect(try await count(pool, "SELECT (args->>'n')::int FROM occ_jobs") == 2)
        await pool.close()
    }

    @Test("a unique key holds under concurrent bulk enqueue")
    func uniqueUnderConcurrency() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool(maxConnections: 4)
        let queue = JobQueue(pool: pool)
        let results = try await withThrowingTaskGroup(of: [JobQueue.Inserted].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let jobs = try (0..<100).map { try JobInsert(Ping(n: $0), options: InsertOptions(uniqueKey: "referral-\($0)")) }
                    return try await pool.withConnection { try await queue.enqueueMany(jobs, on: $0) }
                }
            }
            return try await group.reduce(into: []) { $0.append(contentsOf: $1) }
        }
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs") == 100)
        #expect(results.filter { !$0.duplicate }.count == 100)
        #expect(results.filter(\.duplicate).allSatisfy { $0.id > 0 })
        await pool.close()
    }

    @Test("bulk enqueue returns ids in order and reports in-batch duplicates")
    func bulkOrder() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        let jobs = try [JobInsert(Ping(n: 1)), JobInsert(Ping(n: 2), options: InsertOptions(uniqueKey: "k")),
                        JobInsert(Ping(n: 3), options: InsertOptions(uniqueKey: "k")), JobInsert(Ping(n: 4))]
        let inserted = try await pool.withConnection { try await queue.enqueueMany(jobs, on: $0) }
        #expect(inserted.map(\.duplicate) == [false, false, true, false])
        #expect(inserted[1].id == inserted[2].id)
        let ordered = try await pool.query(PostgresQuery("ns", "SELECT (args->>'n')::int AS n FROM occ_jobs ORDER BY id")).map { try $0.decode(Int.self, "n") }
        #expect(ordered == [1, 2, 4])
        await pool.close()
    }

    @Test("bulk COPY enqueue inserts every job, scheduled ones included, inside the caller's transaction")
    func bulkCopy() async throws {
        struct Abort: Error {}
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        var jobs = try (0..<500).map { try JobInsert(Ping(n: $0)) }
        jobs.append(try JobInsert(Ping(n: 500), options: InsertOptions(runAt: Date().addingTimeInterval(600))))
        await #expect(throws: Abort.self) {
            try await pool.transaction { connection in
                try await queue.enqueueBulk(jobs, on: connection)
                throw Abort()
            }
        }
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs") == 0)
        let inserted = try await pool.transaction { try await queue.enqueueBulk(jobs, on: $0) }
        #expect(inserted == 501)
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs WHERE state = 'available'") == 500)
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs WHERE state = 'scheduled' AND run_at > now()") == 1)
        await pool.close()
    }

    @Test("invalid options are refused before reaching the database")
    func invalidOptions() throws {
        #expect(throws: QueueError.self) { try JobInsert(Ping(n: 1), options: InsertOptions(priority: 9)) }
        #expect(throws: QueueError.self) { try JobInsert(Ping(n: 1), options: InsertOptions(maxAttempts: 0)) }
        #expect(throws: QueueError.self) { try JobInsert(Ping(n: 1), options: InsertOptions(queue: "")) }
    }
}
