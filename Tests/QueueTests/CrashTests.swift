import Foundation
import Postgres
import Queue
import Testing
import TestSupport

/// `occ jobs work` probe jobs: each records its effect and completes in one transaction.
struct QueueProbe: JobArgs {
    static let kind = "queue_probe"
    var effect: Bool
    var sleepMilliseconds: Int
    var enqueuedAt: Double
}

@Suite("Crash safety")
struct CrashTests {
    @Test("kill -9 of a worker process mid-batch loses no job and runs none twice (1,000 jobs)")
    func killNine() async throws {
        let db = try await TestDatabase.create()
        let pool = db.pool()
        try await pool.withConnection { connection in
            try await connection.execute("""
                CREATE TABLE queue_probe_effects (job_id bigint NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())
                """, name: "create_effects")
        }
        let arguments = ["jobs", "work", "--queue", "probe", "--concurrency", "25", "--batch", "25", "--lease-ms", "1500", "--rescue-ms", "300", "--poll-ms", "200", "--pool", "30"]
        let first = try WorkerProcess.start(arguments, conninfo: db.conninfo)
        // The kill must land mid-batch however late a loaded machine wakes this test, so the
        // worker is held rather than raced: 100 jobs complete; then, with the effects table locked,
        // the rest are enqueued and the worker's next batch blocks inside its handlers' transactions
        // (its pool is big enough for every handler to hold a session).
        try await Self.enqueue(100, on: pool)
        #expect(try await eventually(within: .seconds(120)) { try await count(pool, "SELECT count(*)::int FROM queue_probe_effects") == 100 })
        let lock = try await db.connect()
        try await lock.execute("BEGIN", name: "test_begin")
        try await lock.execute("LOCK TABLE queue_probe_effects IN SHARE MODE", name: "test_lock_effects")
        try await Self.enqueue(900, on: pool)
        let blocked = "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        #expect(try await eventually(within: .seconds(120)) { try await count(pool, blocked) >= 10 })
        await first.kill9()
        try await lock.execute("ROLLBACK", name: "test_rollback")
        await lock.close()
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE state = 'completed'") == 100)

        let second = try WorkerProcess.start(arguments, conninfo: db.conninfo)
        let drained: Bool
        do {
            drained = try await eventually(within: .seconds(120)) {
                try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE state = 'completed'") == 1000
            }
        } catch {
            await second.terminate()
            throw error
        }
        await second.terminate()
        #expect(drained)
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs") == 0)
        #expect(try await count(pool, "SELECT count(*)::int FROM queue_probe_effects") == 1000)
        #expect(try await count(pool, "SELECT count(DISTINCT job_id)::int FROM queue_probe_effects") == 1000)
        // The jobs held in flight at the kill were rescued and ran on a later attempt.
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE attempt > 1") >= 10)
        await pool.close()
    }

    private static func enqueue(_ count: Int, on pool: PostgresPool) async throws {
        let jobs = try (0..<count).map { _ in
            try JobInsert(QueueProbe(effect: true, sleepMilliseconds: 150, enqueuedAt: 0), options: InsertOptions(queue: "probe"))
        }
        try await pool.withConnection { connection in _ = try await JobQueue(pool: pool).enqueueMany(jobs, on: connection) }
    }
}

/// The real `occ` executable, built next to this test bundle, run as a worker process.
struct WorkerProcess {
    let process: Subprocess

    static func start(_ arguments: [String], conninfo: String) throws -> WorkerProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = conninfo
        environment["LOG_LEVEL"] = "error"
        return WorkerProcess(process: try Subprocess(
            try BuiltExecutable.url("occ").path, arguments: arguments, environment: environment, output: .discard))
    }

    func kill9() async {
        process.send(SIGKILL)
        _ = await process.exitStatus()
    }

    func terminate() async {
        process.send(SIGTERM)
        _ = await process.exitStatus()
    }
}
