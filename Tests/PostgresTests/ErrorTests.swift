import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Errors and transactions")
struct ErrorTests {
    @Test("a unique violation carries SQLSTATE 23505 and the constraint, but no values")
    func uniqueViolation() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        try await connection.execute("CREATE TABLE partners (name text CONSTRAINT partners_name_key UNIQUE)", name: "create")
        let insert = PostgresQuery("insert_partner", "INSERT INTO partners (name) VALUES ($1)")
        try await connection.query(insert.binding("secret-bank-name"))
        let error = try await #require(throws: PostgresError.self) { try await connection.query(insert.binding("secret-bank-name")) }
        #expect(error.sqlState == .uniqueViolation)
        #expect(error.sqlState?.isIntegrityViolation == true)
        #expect(error.constraint == "partners_name_key")
        #expect(error.queryName == "insert_partner")
        #expect(!error.description.contains("secret-bank-name"))
        #expect(error.serverMessage != nil)
        await connection.close()
    }

    @Test("an error thrown inside a transaction rolls everything back")
    func rollbackOnThrow() async throws {
        struct Abort: Error {}
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        try await connection.execute("CREATE TABLE t (v int)", name: "create")
        await #expect(throws: Abort.self) {
            try await connection.transaction { tx in
                try await tx.query(PostgresQuery("insert", "INSERT INTO t VALUES ($1)", [1]))
                throw Abort()
            }
        }
        let count = try await connection.query(PostgresQuery("count", "SELECT count(*) AS n FROM t")).single?.decode(Int.self, "n")
        #expect(count == 0)
        #expect(await connection.isHealthy)
        await connection.close()
    }

    @Test("a savepoint undoes only its own work")
    func savepoint() async throws {
        struct Abort: Error {}
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        try await connection.execute("CREATE TABLE t (v int)", name: "create")
        try await connection.transaction { tx in
            try await tx.query(PostgresQuery("insert", "INSERT INTO t VALUES ($1)", [1]))
            _ = try? await tx.savepoint { inner in
                try await inner.query(PostgresQuery("insert", "INSERT INTO t VALUES ($1)", [2]))
                throw Abort()
            }
            try await tx.query(PostgresQuery("insert", "INSERT INTO t VALUES ($1)", [3]))
        }
        let values = try await connection.query(PostgresQuery("all", "SELECT v FROM t ORDER BY v")).map { try $0.decode(Int.self, "v") }
        #expect(values == [1, 3])
        await connection.close()
    }

    @Test("a running pg_sleep is cancelled when its task is cancelled")
    func cancellation() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        let observer = try await db.connect()
        let pid = try await ServerActivity.pid(of: connection)
        let started = ContinuousClock.now
        let task = Task { try await connection.query(PostgresQuery("sleep", "SELECT pg_sleep(30)")) }
        // Cancel only once the server runs the statement, so the cancel request reaches it mid-query.
        try await ServerActivity.waitUntilSleeping(pid: pid, observer: observer)
        task.cancel()
        let error = try await #require(throws: PostgresError.self) { try await task.value }
        #expect(error.code == .cancelled)
        #expect(error.sqlState == .queryCanceled)
        // Far below the statement's 30 s: the cancel ended it. Generous for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(25))
        let one = try await connection.query(PostgresQuery("after_cancel", "SELECT 1 AS one")).single?.decode(Int.self, "one")
        #expect(one == 1)
        await connection.close()
        await observer.close()
    }

    @Test("connecting to nowhere fails with connection_failed")
    func connectFailure() async throws {
        let error = try await #require(throws: PostgresError.self) {
            try await PostgresConnection.connect("host=/nonexistent-occ port=1 user=x dbname=x connect_timeout=2")
        }
        #expect(error.code == .connectionFailed)
    }
}
