import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Connection pool")
struct PoolTests {
    @Test("an exhausted pool makes callers wait, then serves them")
    func exhaustionWaits() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = db.pool(maxConnections: 2)
        let started = ContinuousClock.now
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<6 {
                group.addTask {
                    try await pool.withConnection { connection in
                        try await connection.query(PostgresQuery("sleep", "SELECT pg_sleep(0.2)"))
                        return i
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values.sorted() == [0, 1, 2, 3, 4, 5])
        // Six 200 ms sleeps over two connections take at least three rounds.
        #expect(ContinuousClock.now - started >= .milliseconds(590))
        #expect(pool.counts.open <= 2)
        await pool.close()
    }

    @Test("a waiter gives up after the acquire timeout")
    func acquireTimeout() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = PostgresPool(.init(conninfo: db.conninfo, maxConnections: 1, acquireTimeout: .milliseconds(200)))
        let holder = Task { try await pool.withConnection { try await $0.query(PostgresQuery("sleep", "SELECT pg_sleep(1)")) } }
        try await Task.sleep(for: .milliseconds(100))
        let error = try await #require(throws: PostgresError.self) { try await pool.query(PostgresQuery("one", "SELECT 1")) }
        #expect(error.code == .poolTimeout)
        _ = try await holder.value
        await pool.close()
    }

    @Test("a connection killed by the server is replaced")
    func reconnect() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let pool = db.pool(maxConnections: 1)
        let pid = try await pool.query(PostgresQuery("pid", "SELECT pg_backend_pid() AS pid")).single!.decode(Int.self, "pid")
        let admin = try await db.connect()
        try await admin.query(PostgresQuery("kill", "SELECT pg_terminate_backend($1)", [pid]))
        await #expect(throws: PostgresError.self) { try await pool.query(PostgresQuery("one", "SELECT 1")) }
        let newPid = try await pool.query(PostgresQuery("pid", "SELECT pg_backend_pid() AS pid")).single!.decode(Int.self, "pid")
        #expect(newPid != pid)
        await admin.close()
        await pool.close()
    }
}
