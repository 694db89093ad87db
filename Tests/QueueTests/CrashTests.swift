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
            let jobs = try (0..<1000).map { _ in
                try JobInsert(QueueProbe(effect: true, sleepMilliseconds: 150, enqueuedAt: 0), options: InsertOptions(queue: "probe"))
            }
            _ = try await JobQueue(pool: pool).enqueueMany(jobs, on: connection)
        }
        let arguments = ["jobs", "work", "--queue", "probe", "--concurrency", "25", "--batch", "25", "--lease-ms", "1500", "--rescue-ms", "300", "--poll-ms", "200"]
        let first = try WorkerProcess.start(arguments, conninfo: db.conninfo)
        // 1,000 jobs of 150 ms at 25 at a time take at least 6 s: killed well before the end,
        // even when a loaded machine wakes this test late.
        #expect(try await eventually(within: .seconds(60)) { try await count(pool, "SELECT count(*)::int FROM queue_probe_effects") >= 100 })
        first.kill9()
        let doneBeforeRestart = try await count(pool, "SELECT count(*)::int FROM occ_job_history")
        #expect(doneBeforeRestart < 1000)

        let second = try WorkerProcess.start(arguments, conninfo: db.conninfo)
        defer { second.terminate() }
        #expect(try await eventually(within: .seconds(90)) {
            try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE state = 'completed'") == 1000
        })
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_jobs") == 0)
        #expect(try await count(pool, "SELECT count(*)::int FROM queue_probe_effects") == 1000)
        #expect(try await count(pool, "SELECT count(DISTINCT job_id)::int FROM queue_probe_effects") == 1000)
        // Jobs that were in flight at the kill were rescued and ran on a later attempt.
        #expect(try await count(pool, "SELECT count(*)::int FROM occ_job_history WHERE attempt > 1") > 0)
        await pool.close()
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

    func kill9() {
        process.send(SIGKILL)
        _ = process.waitUntilExit()
    }

    func terminate() {
        process.send(SIGTERM)
        _ = process.waitUntilExit()
    }
}
