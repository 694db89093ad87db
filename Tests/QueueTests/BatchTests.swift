import Foundation
import Postgres
@testable import Queue
import Synchronization
import Testing
import TestSupport

@Suite("Batch handlers")
struct BatchTests {
    /// What each call of the batch handler was given, across tasks.
    final class Calls: Sendable {
        private let sizes = Mutex<[Int]>([])
        func add(_ size: Int) { sizes.withLock { $0.append(size) } }
        var all: [Int] { sizes.withLock { $0 } }
    }

    @Test("claimed jobs of a batch kind are handed over together and completed in the handler's transaction")
    func batchesComplete() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        // Enqueued before the worker starts, so its first claim finds all of them.
        _ = try await pool.withConnection { try await queue.enqueueMany((1...100).map { try JobInsert(Ping(n: $0)) }, on: $0) }
        let calls = Calls(), seen = Recorder()
        var registry = JobWorkerRegistry()
        registry.register(Ping.self) { ping, _ in seen.add(ping.n); return .complete }
        registry.registerBatch(Ping.self) { batch in
            calls.add(batch.count)
            try await pool.transaction { connection in
                batch.forEach { seen.add($0.args.n) }
                let contexts = batch.map(\.context)
                try JobContext.verifyCompleted(try await connection.query(JobContext.completionStatement(contexts)), contexts)
            }
            return batch.map { _ in .completedInTransaction }
        }
        var configuration = fastConfiguration(["default": 4])
        configuration.handlerBatches = ["default": 16]
        try await withWorker(db, registry: registry, configuration: configuration) { (_: JobWorker) async throws -> Void in
            #expect(try await eventually { try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE state = 'completed'") == 100 })
        }
        #expect(seen.all.sorted() == Array(1...100))
        // 4 slots × 16 per call: the first claim takes 64 jobs in four calls of 16.
        #expect(calls.all.max() == 16)
        #expect(calls.all.reduce(0, +) == 100)
        await pool.close()
    }

    @Test("a batch of 100 with one poison job completes the other 99 and retries only the poison one until it is discarded")
    func poisonIsolated() async throws {
        struct Poison: Error {}
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        _ = try await pool.withConnection { connection in
            try await queue.enqueueMany((1...100).map { try JobInsert(Ping(n: $0), options: InsertOptions(maxAttempts: 2)) }, on: connection)
        }
        let calls = Calls()
        var registry = JobWorkerRegistry()
        registry.register(Ping.self) { ping, context in
            if ping.n == 37 { throw Poison() }
            try await pool.transaction { try await context.complete(on: $0) }
            return .completedInTransaction
        }
        registry.registerBatch(Ping.self) { batch in
            calls.add(batch.count)
            return try await pool.transaction { connection in
                let contexts = batch.map(\.context)
                try JobContext.verifyCompleted(try await connection.query(JobContext.completionStatement(contexts)), contexts)
                // The poison job fails the batch after the completions ran: they must roll back.
                if batch.contains(where: { $0.args.n == 37 }) { throw Poison() }
                return batch.map { _ in .completedInTransaction }
            }
        }
        var configuration = fastConfiguration(["default": 1])
        configuration.handlerBatches = ["default": 100]
        try await withWorker(db, registry: registry, configuration: configuration) { (_: JobWorker) async throws -> Void in
            // The fallback runs the 100 jobs one transaction at a time: minutes on a loaded machine.
            #expect(try await eventually(within: .seconds(300)) {
                try await count(pool, "SELECT count(*)::int FROM occ_job_history") == 100
            })
        }
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE state = 'completed'") == 99)
        let poison = try #require(try await pool.query(PostgresQuery(
            "poison", "SELECT state, attempt, args->>'n' AS n FROM occ_job_history WHERE state <> 'completed'")).single)
        #expect(try poison.decode(String.self, "state") == "discarded")
        #expect(try poison.decode(String.self, "n") == "37")
        #expect(try poison.decode(Int.self, "attempt") == 2)
        #expect(calls.all.first == 100)
        await pool.close()
    }
}
