import Foundation
import Glibc
import Postgres
import Testing
import TestSupport

/// The OS name of the thread running the caller, as `top -H` shows it.
private func currentThreadName() -> String {
    let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
    return name.trimmingCharacters(in: .whitespacesAndNewlines)
}

@Suite("Connection affinity")
struct AffinityTests {
    @Test("a leased connection's body runs on the connection's own thread, before and after every query")
    func bodyStaysOnTheConnectionThread() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = db.pool(maxConnections: 2)
        #expect(currentThreadName() != "occ-postgres")
        let (threads, sum) = try await pool.withConnection { connection in
            var threads: Set<String> = [currentThreadName()]
            var sum = 0
            for value in 1...50 {
                let row = try await connection.query(PostgresQuery("echo", "SELECT $1::int AS v").binding(value)).single
                sum += try row?.decode(Int.self, "v") ?? 0
                threads.insert("\(currentThreadName())#\(pthread_self())")
            }
            return (threads, sum)
        }
        #expect(sum == 1275)
        #expect(threads.first { !$0.hasPrefix("occ-postgres") } == nil, "\(threads)")
        #expect(threads.count == 2, "one name without id, then always the same thread: \(threads)")
        await pool.close()
    }

    @Test("inside one lease another connection and a transaction work; the lease's query is cancelled from outside")
    func nestedWorkAndCancellation() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = db.pool(maxConnections: 2)
        let observer = try await db.connect()
        let (pids, reportPID) = AsyncStream<Int>.makeStream()
        let lease = Task {
            try await pool.withConnection { outer in
                try await outer.transaction { connection in
                    try await connection.execute("CREATE TEMP TABLE t (v int)", name: "create")
                    try await connection.query(PostgresQuery("insert", "INSERT INTO t VALUES ($1)").binding(7))
                }
                let inner = try await pool.withConnection { try await $0.query(PostgresQuery("two", "SELECT 2 AS v")).single }
                #expect(try inner?.decode(Int.self, "v") == 2)
                let row = try await outer.query(PostgresQuery("count", "SELECT count(*) AS n FROM t")).single
                #expect(try row?.decode(Int.self, "n") == 1)
                reportPID.yield(try await ServerActivity.pid(of: outer))
                try await outer.query(PostgresQuery("sleep", "SELECT pg_sleep(30)"))
            }
        }
        var iterator = pids.makeAsyncIterator()
        let pid = try #require(await iterator.next())
        try await ServerActivity.waitUntilSleeping(pid: pid, observer: observer)
        let started = ContinuousClock.now
        lease.cancel()
        await #expect(throws: PostgresError.self) { try await lease.value }
        // Far below the statement's 30 s: the cancel ended it. Generous for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(25))
        // The cancelled connection went back to the pool in a usable state.
        let row = try await pool.query(PostgresQuery("one", "SELECT 1 AS v")).single
        #expect(try row?.decode(Int.self, "v") == 1)
        await pool.close()
        await observer.close()
    }
}
