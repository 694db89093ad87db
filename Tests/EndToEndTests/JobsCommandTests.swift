import Foundation
import Postgres
import Queue
import TestSupport
import Testing

/// `occ jobs list|show|retry|cancel|discard|stuck`: the real executable against a throwaway
/// database, connected as the operator role so the commands need no more than its grants.
/// Serialized: some fifty runs of a debug executable started at once starve the rest of the
/// test process (HTTP tests with 5 s client timeouts) on a two-core machine.
@Suite("occ jobs: the real executable lists, shows and acts on jobs", .serialized)
struct JobsCommandTests {
    struct Args: JobArgs {
        static let kind = "test_mail"
        var to: String
    }

    @Test("list filters by state, queue, age and limit")
    func list() async throws {
        let db = try await TestDatabase.create()
        let (pool, queue) = (db.pool(), JobQueue(pool: db.pool()))
        let a = try await queue.enqueue(Args(to: "a"), options: InsertOptions(queue: "mail"))
        let b = try await queue.enqueue(Args(to: "b"), options: InsertOptions(queue: "mail", runAt: Date().addingTimeInterval(3600)))
        let c = try await queue.enqueue(Args(to: "c"))
        let d = try await queue.enqueue(Args(to: "d"), options: InsertOptions(queue: "mail"))
        try await queue.discard(id: d.id, reason: "bad\taddress")
        try await pool.query(PostgresQuery("test_age", "UPDATE occ_jobs SET created_at = now() - interval '1 hour' WHERE id = $1", [a.id]))

        let all = try await Self.jobs(["list"], db)
        try #require(all.status == 0, "\(all.stderr)")
        #expect(all.lines.first == ["ID", "QUEUE", "KIND", "STATE", "ATTEMPT", "CREATED", "DUE", "LAST_ERROR"])
        #expect(all.ids == [a.id, b.id, c.id])
        #expect(all.lines[2][3] == "scheduled")
        #expect(all.lines[1][1...4] == ["mail", "test_mail", "available", "0/20"])
        #expect(try await Self.jobs(["list", "--queue", "mail"], db).ids == [a.id, b.id])
        #expect(try await Self.jobs(["list", "--state", "scheduled"], db).ids == [b.id])
        #expect(try await Self.jobs(["list", "--older-than", "10m"], db).ids == [a.id])
        #expect(try await Self.jobs(["list", "--older-than=2h"], db).ids == [])
        #expect(try await Self.jobs(["list", "--limit", "2"], db).ids == [a.id, b.id])
        let dead = try await Self.jobs(["list", "--state", "discarded"], db)
        #expect(dead.lines.first?[6] == "FINISHED")
        #expect(dead.ids == [d.id])
        // A control character in the error is quoted, so the job stays one line of 8 columns.
        #expect(dead.lines[1].count == 8)
        #expect(dead.lines[1][7] == "\"bad\\taddress\"")
        await pool.close()
        await queue.pool.close()
    }

    @Test("show prints arguments, metadata, attempts and the whole error history; an unknown id exits 1")
    func show() async throws {
        let db = try await TestDatabase.create()
        let queue = JobQueue(pool: db.pool())
        let job = try await queue.enqueue(Args(to: "x@example.org"), options: InsertOptions(queue: "mail", metadata: ["trace_id": "t-1"]))
        try await queue.pool.query(PostgresQuery("test_errors", """
            UPDATE occ_jobs SET state = 'retryable', attempt = 2, errors = $2::jsonb WHERE id = $1
            """, [job.id, """
            [{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "smtp refused", "worker": "host-1"},
             {"at": "2026-01-01T10:01:00Z", "attempt": 2, "error": "lease expired: worker host-1 presumed dead"}]
            """]))
        let run = try await OCCCommand.run(["jobs", "show", String(job.id)], conninfo: Self.asOperator(db))
        #expect(run.status == 0, "\(run.stderr)")
        let expected = [
            "job \(job.id)", "  queue       mail", "  kind        test_mail", "  state       retryable", "  attempt     2 of 20",
            "  metadata    {\"trace_id\": \"t-1\"}", "args", "  {", "      \"to\": \"x@example.org\"", "  }",
            "errors (2, oldest first)", "  attempt 1 at 2026-01-01T10:00:00Z by host-1: smtp refused",
            "  attempt 2 at 2026-01-01T10:01:00Z: lease expired: worker host-1 presumed dead",
        ]
        for line in expected { #expect(run.stdout.contains(line + "\n"), "missing: \(line)\n\(run.stdout)") }

        // Finished jobs are shown from history, the operator's entry included.
        try await queue.cancel(id: job.id, reason: "customer left")
        let finished = try await OCCCommand.run(["jobs", "show", String(job.id)], conninfo: Self.asOperator(db))
        #expect(finished.stdout.contains("  state       cancelled\n"))
        #expect(finished.stdout.contains("errors (3, oldest first)"))
        #expect(finished.stdout.contains(": customer left\n"))

        let unknown = try await OCCCommand.run(["jobs", "show", "987654"], conninfo: Self.asOperator(db))
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no job 987654"))
        await queue.pool.close()
    }

    @Test("retry replays a dead job, makes a waiting one due, refuses completed ones, and takes a running one only with --force")
    func retry() async throws {
        let db = try await TestDatabase.create()
        let queue = JobQueue(pool: db.pool())
        let dead = try await queue.enqueue(Args(to: "dead"))
        try await queue.discard(id: dead.id)
        let replayed = try await OCCCommand.run(["jobs", "retry", String(dead.id)], conninfo: Self.asOperator(db))
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout == "job \(dead.id) is back in its queue with a fresh attempt budget\n")
        #expect(try await Self.state(of: dead.id, queue) == "available:0")

        let scheduled = try await queue.enqueue(Args(to: "later"), options: InsertOptions(runAt: Date().addingTimeInterval(3600)))
        #expect(try await OCCCommand.run(["jobs", "retry", String(scheduled.id)], conninfo: Self.asOperator(db)).stdout == "job \(scheduled.id) is due now\n")
        #expect(try await Self.count("SELECT count(*)::int FROM occ_jobs WHERE id = $1 AND run_at <= now()", [scheduled.id], queue) == 1)

        let running = try await Self.running(Args(to: "busy"), queue)
        let refused = try await OCCCommand.run(["jobs", "retry", String(running)], conninfo: Self.asOperator(db))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("job \(running) is running (attempt 1, worker worker-x)"))
        #expect(refused.stderr.contains("--force"))
        #expect(try await Self.state(of: running, queue) == "running:1")
        let forced = try await OCCCommand.run(["jobs", "retry", String(running), "--force"], conninfo: Self.asOperator(db))
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try await Self.state(of: running, queue) == "retryable:1")
        #expect(try await Self.count("""
            SELECT count(*)::int FROM occ_jobs WHERE id = $1 AND attempted_by IS NULL AND errors->-1->>'error' LIKE 'returned to the queue by an operator%'
            """, [running], queue) == 1)

        try await queue.pool.query(PostgresQuery("test_complete", "UPDATE occ_jobs SET state = 'running', attempt = 1 WHERE id = $1", [scheduled.id]))
        try await queue.pool.query(PostgresQuery("test_complete", """
            WITH done AS (DELETE FROM occ_jobs WHERE id = $1 RETURNING *)
            INSERT INTO occ_job_history (id, queue, kind, args, metadata, state, priority, attempt, max_attempts, errors, created_at)
            SELECT id, queue, kind, args, metadata, 'completed', priority, attempt, max_attempts, errors, created_at FROM done
            """, [scheduled.id]))
        let completed = try await OCCCommand.run(["jobs", "retry", String(scheduled.id)], conninfo: Self.asOperator(db))
        #expect(completed.status == 1)
        #expect(completed.stderr.contains("job \(scheduled.id) is completed and cannot be retried"))
        let unknown = try await OCCCommand.run(["jobs", "retry", "987654"], conninfo: Self.asOperator(db))
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no job 987654"))
        await queue.pool.close()
    }

    @Test("cancel and discard end waiting jobs, running ones only with --force, and refuse finished or unknown ones",
          arguments: ["cancel", "discard"])
    func end(command: String) async throws {
        let state = command == "cancel" ? "cancelled" : "discarded"
        let db = try await TestDatabase.create()
        let queue = JobQueue(pool: db.pool())
        let waiting = try await queue.enqueue(Args(to: "w"))
        let ended = try await OCCCommand.run(["jobs", command, String(waiting.id), "--reason", "duplicate referral"], conninfo: Self.asOperator(db))
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(ended.stdout == "job \(waiting.id) \(state)\n")
        #expect(try await Self.count("""
            SELECT count(*)::int FROM occ_job_history WHERE id = $1 AND state = $2 AND errors->-1->>'error' = 'duplicate referral'
            """, [waiting.id, state], queue) == 1)
        let again = try await OCCCommand.run(["jobs", command, String(waiting.id)], conninfo: Self.asOperator(db))
        #expect(again.status == 1)
        #expect(again.stderr.contains("job \(waiting.id) is \(state) and cannot be \(state)"))

        let running = try await Self.running(Args(to: "r"), queue)
        let refused = try await OCCCommand.run(["jobs", command, String(running)], conninfo: Self.asOperator(db))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--force"))
        #expect(try await Self.state(of: running, queue) == "running:1")
        let forced = try await OCCCommand.run(["jobs", command, String(running), "--force"], conninfo: Self.asOperator(db))
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try await Self.count("SELECT count(*)::int FROM occ_job_history WHERE id = $1 AND state = $2", [running, state], queue) == 1)

        let unknown = try await OCCCommand.run(["jobs", command, "987654"], conninfo: Self.asOperator(db))
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no job 987654"))
        await queue.pool.close()
    }

    @Test("stuck lists jobs running longer than the threshold, with worker and lease")
    func stuck() async throws {
        let db = try await TestDatabase.create()
        let queue = JobQueue(pool: db.pool())
        let old = try await Self.running(Args(to: "old"), queue)
        let recent = try await Self.running(Args(to: "recent"), queue)
        try await queue.pool.query(PostgresQuery("test_stuck", """
            UPDATE occ_jobs SET attempted_at = now() - interval '10 minutes 5 seconds', lease_expires_at = now() - interval '2 minutes' WHERE id = $1
            """, [old]))
        try await queue.pool.query(PostgresQuery("test_recent", """
            UPDATE occ_jobs SET attempted_at = now() - interval '1 minute', lease_expires_at = now() + interval '10 minutes' WHERE id = $1
            """, [recent]))
        let run = try await Self.jobs(["stuck", "--threshold", "5m"], db)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.first == ["ID", "QUEUE", "KIND", "ATTEMPT", "RUNNING_FOR", "WORKER", "LEASE_EXPIRES", "LEASE"])
        #expect(run.ids == [old])
        let row = run.lines[1]
        #expect(row[4].hasPrefix("10m0"))
        #expect(row[5] == "worker-x")
        #expect(row[7].hasPrefix("expired 2m0") || row[7].hasPrefix("expired 1m59"))
        let both = try await Self.jobs(["stuck", "--threshold", "30s"], db)
        #expect(both.ids == [old, recent])
        #expect(both.lines[2][7].hasPrefix("in 9m") || both.lines[2][7].hasPrefix("in 10m"))
        #expect(try await Self.jobs(["stuck"], db).ids == [old])
        await queue.pool.close()
    }

    /// DATABASE_URL points where nothing listens: a usage error must come before any connection
    /// attempt (which would fail with exit 1 instead).
    @Test("bad arguments are usage errors: exit 64, the command's usage, no connection attempted", arguments: [
        ["list", "--state", "bogus"], ["list", "--older-than", "10x"], ["list", "--older-than", "-5m"], ["list", "--older-than", "0m"],
        ["list", "--older-than", "99999999999999999d"], ["list", "--limit", "0"], ["list", "--limit", "many"], ["list", "--limit"],
        ["list", "--queue", ""], ["list", "--bogus"], ["list", "extra"], ["show"], ["show", "abc"], ["show", "0"], ["show", "1", "2"],
        ["show", "1", "--force"], ["retry", "1", "--hard"], ["retry", "-3"], ["cancel", "x"], ["cancel", "1", "--reason", ""], ["discard"],
        ["stuck", "--threshold", "5"], ["stuck", "--limit", "10001"], ["stuck", "7"],
    ])
    func badArguments(arguments: [String]) async throws {
        let nowhere = "host=/nonexistent-\(getpid()) port=1 dbname=none connect_timeout=2"
        let run = try await OCCCommand.run(["jobs"] + arguments, conninfo: nowhere)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("usage: occ jobs \(arguments[0])"))
        #expect(!run.stderr.contains("jobs \(arguments[0]) failed"))
    }

    @Test("every jobs command has --help, and 'occ jobs --help' lists them all")
    func help() async throws {
        let commands = ["list", "show", "retry", "cancel", "discard", "stuck"]
        for command in commands {
            let run = try await OCCCommand.run(["jobs", command, "--help"], conninfo: "host=/nonexistent port=1")
            #expect(run.status == 0)
            #expect(run.stdout.hasPrefix("usage: occ jobs \(command)"))
        }
        let overview = try await OCCCommand.run(["jobs", "--help"], conninfo: "host=/nonexistent port=1")
        #expect(overview.status == 0)
        for command in commands { #expect(overview.stdout.contains("  jobs \(command) ")) }
    }

    // MARK: - Helpers

    struct Listing {
        let status: Int32
        let stderr: String
        let lines: [[String]]
        /// The ids of the rows under the header.
        var ids: [Int64] { lines.dropFirst().compactMap { Int64($0[0]) } }
    }

    static func jobs(_ arguments: [String], _ db: TestDatabase) async throws -> Listing {
        let run = try await OCCCommand.run(["jobs"] + arguments, conninfo: asOperator(db))
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        return Listing(status: run.status, stderr: run.stderr, lines: lines)
    }

    /// A job running attempt 1 on worker-x, its lease a minute ahead.
    static func running(_ args: Args, _ queue: JobQueue) async throws -> Int64 {
        let job = try await queue.enqueue(args)
        try await queue.pool.query(PostgresQuery("test_running", """
            UPDATE occ_jobs SET state = 'running', attempt = 1, attempted_at = now(), attempted_by = 'worker-x',
                lease_expires_at = now() + interval '1 minute' WHERE id = $1
            """, [job.id]))
        return job.id
    }

    static func state(of id: Int64, _ queue: JobQueue) async throws -> String? {
        try await queue.pool.query(PostgresQuery("test_state", "SELECT state || ':' || attempt AS s FROM occ_jobs WHERE id = $1", [id]))
            .single?.decode(String.self, "s")
    }

    static func count(_ sql: String, _ binds: [any PostgresEncodable], _ queue: JobQueue) async throws -> Int {
        try await queue.pool.query(PostgresQuery("test_count", sql, binds)).single?.decode(Int.self, at: 0) ?? 0
    }

    /// The database's conninfo, connected as the superuser but acting as `occ_operator` throughout.
    static func asOperator(_ db: TestDatabase) -> String {
        db.conninfo(as: .operator)
    }
}
