import Foundation
import Postgres
@testable import Queue
import Runtime
import Testing
import TestSupport

/// Outcomes that cannot be written when a job finishes: a connection closed at commit, a server
/// away for a while. Each job must run again exactly once, and the heartbeat must keep only the
/// jobs still in flight alive.
@Suite("Outcomes that cannot be recorded")
struct OutcomeTests {
    static let insertEffect = PostgresQuery("test_effect", "INSERT INTO test_effects (job_id, attempt) VALUES ($1, $2)")

    @Test("a completion lost to a closed connection is rescued and run again exactly once")
    func lostCompletionIsRescued() async throws {
        let db = try await TestDatabase.create()
        let setup = db.pool()
        try await setup.query(PostgresQuery("test_create_effects", "CREATE TABLE test_effects (job_id bigint NOT NULL, attempt int NOT NULL)"))
        let queue = JobQueue(pool: setup)
        let lost = try await queue.enqueue(Ping(n: 1))
        let held = try await queue.enqueue(Ping(n: 2))
        await setup.close()

        let atCommit = TestSignal(), commit = TestSignal(), heldRunning = TestSignal(), releaseHeld = TestSignal()
        let attempts = Recorder()
        let handlerPool = db.pool()
        var registry = JobWorkerRegistry()
        registry.register(Ping.self) { ping, context in
            if ping.n == 2 {
                heldRunning.fire()
                await releaseHeld.wait()
                return .complete
            }
            attempts.add(context.record.attempt)
            try await handlerPool.transaction { connection in
                try await connection.query(Self.insertEffect.binding(context.record.id, context.record.attempt))
                try await context.complete(on: connection)
                if context.record.attempt == 1 {
                    atCommit.fire()
                    await commit.wait()
                }
            }
            return .completedInTransaction
        }
        var configuration = fastConfiguration()
        // Long enough that the held job's lease outlives the outage between two heartbeats even on
        // a loaded machine (scaled: under TSan and load the outage itself has lasted over 4 s);
        // the lost job's lapses this long after the outage.
        configuration.leaseDuration = TestTime.scaled(.seconds(4))
        configuration.heartbeatInterval = .milliseconds(200)
        configuration.outcomeRetryWindow = .milliseconds(500)
        let metrics = MetricsRegistry()
        try await withWorker(db, registry: registry, configuration: configuration, metrics: metrics) { (_: JobWorker) async throws -> Void in
            try #require(await heldRunning.wait())
            try #require(await atCommit.wait())
            // Every session ends, the handler's among them, just before its COMMIT; the retry the
            // failed commit asks for cannot be written either until the window closes.
            try await DatabaseOutage.begin(db)
            commit.fire()
            let gaveUp = try await eventually(within: .seconds(30)) { counterValue(metrics, "occ_job_outcomes_abandoned_total") >= 1 }
            try await DatabaseOutage.end(db)
            try #require(gaveUp)
            let check = db.pool()
            let rerun = try await eventually(within: .seconds(60)) {
                try await count(check, "SELECT count(*)::int FROM occ_job_history WHERE id = $1", [lost.id]) == 1
            }
            releaseHeld.fire()
            try #require(rerun)
            #expect(try await eventually { try await count(check, "SELECT count(*)::int FROM occ_job_history WHERE id = $1", [held.id]) == 1 })
            await check.close()
        }
        await handlerPool.close()

        let check = db.pool()
        #expect(attempts.all == [1, 2])
        // The first attempt's effect rolled back with its commit; the rescued one's stands.
        #expect(try await count(check, "SELECT count(*)::int FROM test_effects WHERE job_id = $1", [lost.id]) == 1)
        #expect(try await count(check, "SELECT attempt FROM test_effects WHERE job_id = $1", [lost.id]) == 2)
        let row = try #require(try await check.query(PostgresQuery("test_lost", """
            SELECT state, attempt, jsonb_array_length(errors) AS n, errors->0->>'error' AS note FROM occ_job_history WHERE id = $1
            """, [lost.id])).single)
        #expect(try row.decode(String.self, "state") == "completed")
        #expect(try row.decode(Int.self, "n") == 1)
        #expect(try row.decode(String.self, "note").hasPrefix("lease expired"))
        // The job that stayed in flight kept its lease throughout: one attempt, no error.
        #expect(try await count(check, "SELECT attempt FROM occ_job_history WHERE id = $1 AND errors = '[]'", [held.id]) == 1)
        await check.close()
    }

    @Test("the heartbeat extends the jobs in flight, not a running job this process no longer holds")
    func heartbeatSkipsJobsNotInFlight() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        let queue = JobQueue(pool: pool)
        var configuration = fastConfiguration()
        configuration.workerID = "worker-under-test"
        // Long enough that the whole suite's load never delays a heartbeat past it (3 s did);
        // the orphan was claimed with its own 1 s lease, so its rescue does not wait for this.
        configuration.leaseDuration = TestTime.scaled(.seconds(15))
        configuration.heartbeatInterval = .milliseconds(100)
        // Running under this worker's id, as a job whose outcome it gave up on is.
        let orphan = try await queue.enqueue(Ping(n: 1))
        let claimed = try await pool.query(JobQueries.claim.binding("default", 1, configuration.workerID, "1 second"))
        #expect(claimed.count == 1)
        let held = try await queue.enqueue(Ping(n: 2))

        let heldRunning = TestSignal(), releaseHeld = TestSignal()
        let seen = Recorder()
        var registry = JobWorkerRegistry()
        registry.register(Ping.self) { ping, context in
            if ping.n == 2 {
                heldRunning.fire()
                await releaseHeld.wait()
            } else {
                seen.add(context.record.attempt)
            }
            return .complete
        }
        try await withWorker(db, registry: registry, configuration: configuration) { (_: JobWorker) async throws -> Void in
            try #require(await heldRunning.wait())
            let rescued = try await eventually(within: .seconds(30)) {
                try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE id = $1", [orphan.id]) == 1
            }
            releaseHeld.fire()
            try #require(rescued)
            #expect(try await eventually { try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE id = $1", [held.id]) == 1 })
        }
        #expect(seen.all == [2])
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE id = $1 AND errors->0->>'error' LIKE 'lease expired%'", [orphan.id]) == 1)
        #expect(try await count(pool, "SELECT attempt FROM occ_job_history WHERE id = $1 AND errors = '[]'", [held.id]) == 1)
        await pool.close()
    }

    /// Six failed tries span at least 1.55 s of backoff (50 + 100 + 200 + 400 + 800 ms at the
    /// least jitter): longer than the 0.75 s the worker used to retry for before giving up.
    @Test("an outcome the worker cannot write is retried and lands when the database is back within the window",
          arguments: [false, true])
    func outcomeRetrySurvivesOutage(handlerThrows: Bool) async throws {
        struct Flaky: Error, CustomStringConvertible { var description: String { "flaky dependency" } }
        let db = try await TestDatabase.create()
        let setup = db.pool()
        let job = try await JobQueue(pool: setup).enqueue(Ping(n: 1))
        await setup.close()

        let running = TestSignal(), finish = TestSignal()
        let attempts = Recorder()
        var registry = JobWorkerRegistry()
        registry.register(Ping.self) { _, context in
            attempts.add(context.record.attempt)
            guard context.record.attempt == 1 else { return .complete }
            running.fire()
            await finish.wait()
            if handlerThrows { throw Flaky() }
            return .complete
        }
        var configuration = fastConfiguration()
        configuration.leaseDuration = .seconds(60)
        configuration.outcomeRetryWindow = .seconds(60)
        let metrics = MetricsRegistry()
        try await withWorker(db, registry: registry, configuration: configuration, metrics: metrics) { (_: JobWorker) async throws -> Void in
            try #require(await running.wait())
            try await DatabaseOutage.begin(db)
            finish.fire()
            let retried = try await eventually(within: .seconds(30)) { counterValue(metrics, "occ_job_outcome_write_failures_total") >= 6 }
            try await DatabaseOutage.end(db)
            try #require(retried)
            let check = db.pool()
            #expect(try await eventually(within: .seconds(30)) {
                try await count(check, "SELECT count(*)::int FROM occ_job_history WHERE id = $1", [job.id]) == 1
            })
            await check.close()
        }
        let check = db.pool()
        #expect(attempts.all == (handlerThrows ? [1, 2] : [1]))
        let row = try #require(try await check.query(PostgresQuery("test_outcome", """
            SELECT state, attempt, errors::text AS errors FROM occ_job_history WHERE id = $1
            """, [job.id])).single)
        #expect(try row.decode(String.self, "state") == "completed")
        #expect(try row.decode(Int.self, "attempt") == (handlerThrows ? 2 : 1))
        let errors = try row.decode(String.self, "errors")
        #expect(handlerThrows ? errors.contains("flaky dependency") : errors == "[]")
        #expect(!errors.contains("lease expired"))
        #expect(counterValue(metrics, "occ_job_outcomes_abandoned_total") == 0)
        await check.close()
    }
}
