import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Pipelines, COPY and LISTEN/NOTIFY")
struct BulkTests {
    @Test("a pipeline runs a batch in order and in one transaction")
    func pipeline() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        try await connection.execute("CREATE TABLE t (v int PRIMARY KEY)", name: "create")
        let insert = PostgresQuery("insert", "INSERT INTO t VALUES ($1) RETURNING v")
        let results = try await connection.pipeline((1...1000).map { insert.binding($0) })
        #expect(results.count == 1000)
        #expect(try results[999].single?.decode(Int.self, "v") == 1000)

        // A failure part-way aborts the whole batch: nothing of it commits.
        let error = try await #require(throws: PostgresError.self) {
            try await connection.pipeline([insert.binding(2000), insert.binding(1), insert.binding(2001)])
        }
        #expect(error.sqlState == .uniqueViolation)
        let count = try await connection.query(PostgresQuery("count", "SELECT count(*) AS n FROM t")).single?.decode(Int.self, "n")
        #expect(count == 1000)
        await connection.close()
    }

    /// libpq refuses a statement with more than 65,535 parameters before anything is sent, so
    /// the batch fails half-built and the session is given up. It used to be left pipeline mode
    /// after `PQfinish` had freed it (a use-after-free only AddressSanitizer sees: see
    /// docs/testing.md); now nothing touches the freed session, and the error is clear.
    @Test("a pipeline that cannot be sent gives up its session without touching it again")
    func unsendablePipeline() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        let tooMany = PostgresQuery("too_many_parameters", "SELECT $1::int AS v", Array(repeating: 1 as any PostgresEncodable, count: 65_536))
        let error = try await #require(throws: PostgresError.self) {
            try await connection.pipeline([PostgresQuery("one", "SELECT 1 AS v"), tooMany])
        }
        #expect(error.queryName == "too_many_parameters")
        #expect(error.serverMessage?.contains("65535") == true)
        let closed = try await #require(throws: PostgresError.self) {
            try await connection.query(PostgresQuery("after", "SELECT 1 AS v"))
        }
        #expect(closed.code == .connectionClosed)
        await connection.close()
    }

    @Test("COPY loads 100,000 rows with awkward characters intact")
    func copy() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        try await connection.execute("CREATE TABLE t (id int, note text, blob bytea)", name: "create")
        let rows = (0..<100_000).lazy.map { i -> [any PostgresEncodable] in
            [i, i % 1000 == 0 ? String?.none : "line\(i)\ttab\\slash\nnew", Data([UInt8(i % 256)])]
        }
        let loaded = try await connection.copyIn("COPY t (id, note, blob) FROM STDIN", name: "copy_t", rows: rows)
        #expect(loaded == 100_000)
        let stats = try #require(try await connection.query(PostgresQuery("stats", """
            SELECT count(*) AS n, count(note) AS notes, sum(id)::int8 AS total,
                   (SELECT note FROM t WHERE id = 1) AS sample, (SELECT blob FROM t WHERE id = 255) AS blob
            FROM t
            """)).single)
        #expect(try stats.decode(Int.self, "n") == 100_000)
        #expect(try stats.decode(Int.self, "notes") == 99_900)
        #expect(try stats.decode(Int64.self, "total") == 4_999_950_000)
        #expect(try stats.decode(String.self, "sample") == "line1\ttab\\slash\nnew")
        #expect(try stats.decode(Data.self, "blob") == Data([255]))
        await connection.close()
    }

    @Test("LISTEN/NOTIFY delivers a notification to a dedicated listener")
    func notify() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let listener = try await PostgresListener.start(conninfo: db.conninfo, channels: ["occ_test"])
        let connection = try await db.connect()
        try await connection.query(PostgresQuery("notify", "SELECT pg_notify($1, $2)", ["occ_test", "enrichment"]))
        var iterator = listener.events.makeAsyncIterator()
        let event = await iterator.next()
        #expect(event == .notification(channel: "occ_test", payload: "enrichment"))
        listener.stop()
        await connection.close()
    }

    @Test("listener channel names are validated")
    func invalidChannel() async throws {
        let db = try await TestDatabase.create(template: .empty)
        await #expect(throws: PostgresError.self) {
            try await PostgresListener.start(conninfo: db.conninfo, channels: ["bad\"; DROP TABLE x; --"])
        }
    }
}
