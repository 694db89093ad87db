import Postgres
import Testing
import TestSupport

/// `transaction` sends BEGIN with the body's first statement; these pin down that it still means
/// exactly BEGIN … COMMIT whatever the first statement is.
@Suite("Transactions with a deferred BEGIN")
struct TransactionTests {
    private static let txid = PostgresQuery("txid", "SELECT txid_current()::text AS id")

    @Test("every kind of first statement opens the transaction, at the requested isolation level")
    func firstStatementOpensTheTransaction() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await PostgresConnection.connect(db.conninfo)
        let isolation = PostgresQuery("isolation", "SELECT current_setting('transaction_isolation') AS level")
        // A prepared query first.
        let (first, second, level) = try await connection.transaction(isolation: .serializable) { connection in
            let first = try await connection.query(Self.txid).single?.decode(String.self, "id")
            let second = try await connection.query(Self.txid).single?.decode(String.self, "id")
            let level = try await connection.query(isolation).single?.decode(String.self, "level")
            return (first, second, level)
        }
        #expect(first != nil && first == second, "both statements ran in one transaction")
        #expect(level == "serializable")
        // A pipeline first, then a simple-protocol statement.
        let ids = try await connection.transaction(isolation: .repeatableRead) { connection in
            let piped = try await connection.pipeline([Self.txid, isolation])
            try await connection.execute("CREATE TEMP TABLE t (v int)", name: "create")
            let after = try await connection.query(Self.txid).single?.decode(String.self, "id")
            return [try piped[0].single?.decode(String.self, "id"), try piped[1].single?.decode(String.self, "level"), after]
        }
        #expect(ids[0] != nil && ids[0] == ids[2])
        #expect(ids[1] == "repeatable read")
        // A simple-protocol statement first: its effects roll back with the transaction.
        await #expect(throws: Rollback.self) {
            try await connection.transaction { connection in
                try await connection.execute("INSERT INTO t VALUES (1)", name: "insert")
                throw Rollback()
            }
        }
        #expect(try await connection.query(PostgresQuery("count", "SELECT count(*) AS n FROM t")).single?.decode(Int.self, "n") == 0)
        await connection.close()
    }

    @Test("a body that runs nothing sends nothing and leaves the session out of any transaction")
    func emptyBodySendsNothing() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await PostgresConnection.connect(db.conninfo)
        let value = try await connection.transaction { _ in 42 }
        #expect(value == 42)
        await #expect(throws: Rollback.self) { try await connection.transaction { _ in throw Rollback() } }
        #expect(await connection.isHealthy)
        // The next statements run on their own, not inside a leftover transaction.
        let first = try await connection.query(Self.txid).single?.decode(String.self, "id")
        let second = try await connection.query(Self.txid).single?.decode(String.self, "id")
        #expect(first != nil && second != nil && first != second)
        await connection.close()
    }

    @Test("pipelineAndCommit commits with its statements; a failure among them commits nothing")
    func pipelineAndCommit() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await PostgresConnection.connect(db.conninfo)
        let observer = try await PostgresConnection.connect(db.conninfo)
        try await connection.execute("CREATE TABLE t (v int PRIMARY KEY)", name: "create")
        let insert = PostgresQuery("insert", "INSERT INTO t VALUES ($1)")
        let count = PostgresQuery("count", "SELECT count(*) AS n FROM t")
        let returned = try await connection.transaction { connection in
            try await connection.query(insert.binding(1))
            return try await connection.pipelineAndCommit([insert.binding(2), count]).last?.single?.decode(Int.self, "n")
        }
        #expect(returned == 2)
        #expect(try await observer.query(count).single?.decode(Int.self, "n") == 2)
        #expect(await connection.isHealthy)
        // A duplicate key among the final statements: neither the body's insert nor theirs commits.
        await #expect(throws: PostgresError.self) {
            try await connection.transaction { connection in
                try await connection.query(insert.binding(3))
                try await connection.pipelineAndCommit([insert.binding(4), insert.binding(1)])
            }
        }
        #expect(try await observer.query(count).single?.decode(Int.self, "n") == 2)
        // The next transaction commits by itself again.
        _ = try await connection.transaction { try await $0.query(insert.binding(5)) }
        #expect(try await observer.query(count).single?.decode(Int.self, "n") == 3)
        await connection.close()
        await observer.close()
    }

    @Test("a transaction inside a transaction is refused, and the outer one commits only at its own end")
    func nestedTransactionIsRefused() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await PostgresConnection.connect(db.conninfo)
        let observer = try await PostgresConnection.connect(db.conninfo)
        try await connection.execute("CREATE TABLE t (v int)", name: "create")
        let insert = PostgresQuery("insert", "INSERT INTO t VALUES ($1)")
        let count = PostgresQuery("count", "SELECT count(*) AS n FROM t")
        let seenInside = try await connection.transaction { tx in
            try await tx.query(insert.binding(1))
            let error = await #expect(throws: PostgresError.self) {
                try await tx.transaction { inner in try await inner.query(insert.binding(2)) }
            }
            #expect(error?.code == .nestedTransaction)
            try await tx.query(insert.binding(3))
            // Nothing committed yet: the refused inner transaction did not end the outer one.
            return try await observer.query(count).single?.decode(Int.self, "n")
        }
        #expect(seenInside == 0)
        let all = PostgresQuery("all", "SELECT v FROM t ORDER BY v")
        #expect(try await observer.query(all).map { try $0.decode(Int.self, "v") } == [1, 3])
        // Nested before the outer transaction sent anything: still refused, and the outer one
        // still opens with its own first statement and commits at its end.
        let seenFirst = try await connection.transaction { tx in
            let error = await #expect(throws: PostgresError.self) {
                try await tx.transaction { inner in try await inner.query(insert.binding(4)) }
            }
            #expect(error?.code == .nestedTransaction)
            try await tx.query(insert.binding(5))
            return try await observer.query(count).single?.decode(Int.self, "n")
        }
        #expect(seenFirst == 2)
        #expect(try await observer.query(all).map { try $0.decode(Int.self, "v") } == [1, 3, 5])
        await connection.close()
        await observer.close()
    }

    @Test("a transaction on a session the caller opened with BEGIN is refused and ends nothing")
    func transactionAfterManualBegin() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await PostgresConnection.connect(db.conninfo)
        let observer = try await PostgresConnection.connect(db.conninfo)
        try await connection.execute("CREATE TABLE t (v int)", name: "create")
        let insert = PostgresQuery("insert", "INSERT INTO t VALUES ($1)")
        try await connection.execute("BEGIN", name: "manual_begin")
        try await connection.query(insert.binding(1))
        let error = try await #require(throws: PostgresError.self) {
            try await connection.transaction { tx in try await tx.query(insert.binding(2)) }
        }
        #expect(error.code == .nestedTransaction)
        let count = PostgresQuery("count", "SELECT count(*) AS n FROM t")
        #expect(try await observer.query(count).single?.decode(Int.self, "n") == 0, "neither committed nor rolled back")
        try await connection.execute("COMMIT", name: "manual_commit")
        let values = try await observer.query(PostgresQuery("all", "SELECT v FROM t ORDER BY v")).map { try $0.decode(Int.self, "v") }
        #expect(values == [1])
        await connection.close()
        await observer.close()
    }

    @Test("a body that throws after pipelineAndCommit reports failed_after_commit: the data is committed")
    func failureAfterCommit() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await PostgresConnection.connect(db.conninfo)
        let observer = try await PostgresConnection.connect(db.conninfo)
        try await connection.execute("CREATE TABLE t (v int)", name: "create")
        let insert = PostgresQuery("insert", "INSERT INTO t VALUES ($1)")
        let error = try await #require(throws: PostgresError.self) {
            try await connection.transaction { tx in
                try await tx.query(insert.binding(1))
                try await tx.pipelineAndCommit([insert.binding(2)])
                throw Rollback()
            }
        }
        #expect(error.code == .failedAfterCommit)
        #expect(error.underlying is Rollback)
        #expect(try await observer.query(PostgresQuery("count", "SELECT count(*) AS n FROM t")).single?.decode(Int.self, "n") == 2)
        #expect(await connection.isHealthy)
        await connection.close()
        await observer.close()
    }

    @Test("a body that swallows a failed statement gets transaction_aborted, not a silent rollback")
    func swallowedFailureIsReported() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await PostgresConnection.connect(db.conninfo)
        try await connection.execute("CREATE TABLE t (v int PRIMARY KEY)", name: "create")
        let insert = PostgresQuery("insert", "INSERT INTO t VALUES ($1)")
        try await connection.query(insert.binding(1))
        let error = try await #require(throws: PostgresError.self) {
            try await connection.transaction { tx in
                try await tx.query(insert.binding(2))
                _ = try? await tx.query(insert.binding(1))
            }
        }
        #expect(error.code == .transactionAborted)
        #expect(try await connection.query(PostgresQuery("count", "SELECT count(*) AS n FROM t")).single?.decode(Int.self, "n") == 1)
        #expect(await connection.isHealthy)
        await connection.close()
    }

    private struct Rollback: Error {}
}
