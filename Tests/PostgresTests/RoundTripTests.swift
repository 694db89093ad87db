import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Parameters and decoding")
struct RoundTripTests {
    @Test("every supported type survives a round trip, NULL included")
    func roundTrip() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        let id = UUID()
        let when = Date(timeIntervalSince1970: 1_790_000_000.123456)
        let bytes = Data([0, 1, 2, 0xfe, 0xff, 92, 120])
        let rows = try await connection.query(PostgresQuery("round_trip", """
            SELECT $1::int8 AS big, $2::int4 AS small, $3::float8 AS real, $4::bool AS flag, $5::text AS name,
                   $6::uuid AS id, $7::timestamptz AS at, $8::bytea AS blob, $9::jsonb AS doc, $10::text AS missing,
                   $11::text[] AS list
            """, [Int64.max, Int32(-42), 3.25, true, "Zoë — 北京 🚓", id, when, bytes,
                  PostgresJSON(["tlp": "AMBER+STRICT"]), String?.none, ["a", "b,\"c\"", "\\d"]]))
        let row = try #require(rows.single)
        #expect(try row.decode(Int64.self, "big") == Int64.max)
        #expect(try row.decode(Int.self, "small") == -42)
        #expect(try row.decode(Double.self, "real") == 3.25)
        #expect(try row.decode(Bool.self, "flag"))
        #expect(try row.decode(String.self, "name") == "Zoë — 北京 🚓")
        #expect(try row.decode(UUID.self, "id") == id)
        #expect(abs(try row.decode(Date.self, "at").timeIntervalSince(when)) < 0.000_001)
        #expect(try row.decode(Data.self, "blob") == bytes)
        #expect(try row.decode(PostgresJSON<[String: String]>.self, "doc").value == ["tlp": "AMBER+STRICT"])
        #expect(try row.decode(String?.self, "missing") == nil)
        #expect(try row.decode([String].self, "list") == ["a", "b,\"c\"", "\\d"])
        await connection.close()
    }

    @Test("a NULL where a value is required names the column")
    func unexpectedNull() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        let row = try #require(try await connection.query(PostgresQuery("null_value", "SELECT NULL::int AS victims")).single)
        let error = try #require(throws: PostgresError.self) { try row.decode(Int.self, "victims") }
        #expect(error.code == .unexpectedNull)
        #expect(error.column == "victims")
        let textRow = try #require(try await connection.query(PostgresQuery("text_value", "SELECT 'x'::text AS amount")).single)
        let wrongType = try #require(throws: PostgresError.self) { try textRow.decode(Int.self, "amount") }
        #expect(wrongType.code == .decoding)
        #expect(wrongType.column == "amount")
        await connection.close()
    }

    @Test("timestamps with offsets and infinity decode")
    func timestampForms() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        let rows = try await connection.query(PostgresQuery("timestamps", """
            SELECT '2026-11-23 12:00:00+05:30'::timestamptz AS offset_time, 'infinity'::timestamptz AS forever
            """))
        let row = try #require(rows.single)
        #expect(try row.decode(Date.self, "offset_time") == Date(timeIntervalSince1970: 1_795_415_400))
        #expect(try row.decode(Date.self, "forever") == .distantFuture)
        await connection.close()
    }

    @Test("a text parameter holding U+0000 is refused before anything is sent, naming $n and the query, not the value")
    func nulInTextParameter() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        try await connection.execute("CREATE TABLE notes (id int, body text)", name: "create")
        let insert = PostgresQuery("insert_note", "INSERT INTO notes VALUES ($1, $2)")
        let error = try await #require(throws: PostgresError.self) {
            try await connection.query(insert.binding(1, "secret\u{0}tail"))
        }
        #expect(error.code == .invalidParameter)
        #expect(error.queryName == "insert_note")
        #expect(error.description.contains("$2"))
        #expect(!error.description.contains("secret") && error.serverMessage == nil)
        // In a pipeline nothing of the batch is sent, and the session stays usable.
        let piped = try await #require(throws: PostgresError.self) {
            try await connection.pipeline([insert.binding(2, "fine"), insert.binding(3, ["a", "b\u{0}"])])
        }
        #expect(piped.code == .invalidParameter)
        #expect(piped.description.contains("$2"))
        #expect(await connection.isHealthy)
        let count = try await connection.query(PostgresQuery("count", "SELECT count(*) AS n FROM notes")).single?.decode(Int.self, "n")
        #expect(count == 0)
        await connection.close()
    }
}
