import Foundation
import Postgres
import Schema
import Testing
import TestSupport

/// Migration 8: officers, and `agency:tasking` keys that must name one.
@Suite("Migrations: officers and their keys")
struct OfficersMigrationTests {
    static let hash = String(repeating: "a", count: 64)

    @Test("agency keys written before migration 8 survive it and can still be revoked; no new one can be written")
    func legacyAgencyKeys() async throws {
        let database = try await TestDatabase.create(template: .empty)
        let connection = try await database.connect()
        try await Migrator(migrations: Migrations.all.filter { $0.version < 8 }).migrate(connection)
        let legacy = PostgresQuery(
            "test_insert_legacy_key", "INSERT INTO api_keys (id, agency_code, scopes, secret_hash) VALUES ('legacy01', 'NCA_TICAT', '{agency:tasking}', $1)",
            [Self.hash])
        try await connection.query(legacy)
        try await Migrator().migrate(connection)
        #expect(try await Migrator().isCurrent(connection))

        let refused = await #expect(throws: PostgresError.self) { try await connection.query(Self.key("new00001", agency: "NCA_TICAT")) }
        #expect(refused?.sqlState == .checkViolation)
        let revoke = PostgresQuery("test_revoke_legacy", "UPDATE api_keys SET revoked_at = now() WHERE id = 'legacy01'")
        #expect(try await connection.query(revoke).affectedRows == 1)
        await connection.close()
    }

    @Test("an officer's key names their own agency, carries only agency:tasking; staff ids are unique among active officers")
    func officerKeys() async throws {
        let database = try await TestDatabase.create()
        let connection = try await database.connect()
        let nca = try await Self.officer("NCA_TICAT", "4471", on: connection)
        try await connection.query(Self.key("ok000001", agency: "NCA_TICAT", officer: nca))

        let otherAgency = await #expect(throws: PostgresError.self) {
            try await connection.query(Self.key("bad00001", agency: "COLP_FTC", officer: nca))
        }
        #expect(otherAgency?.sqlState == .foreignKeyViolation)
        let noAgency = await #expect(throws: PostgresError.self) { try await connection.query(Self.key("bad00002", agency: nil, officer: nca)) }
        #expect(noAgency?.sqlState == .checkViolation)
        let wrongScope = await #expect(throws: PostgresError.self) {
            try await connection.query(Self.key("bad00003", agency: "NCA_TICAT", officer: nca, scopes: "{agency:tasking,oversight}"))
        }
        #expect(wrongScope?.sqlState == .checkViolation)

        let duplicate = await #expect(throws: PostgresError.self) { _ = try await Self.officer("NCA_TICAT", "4471", on: connection) }
        #expect(duplicate?.sqlState == .uniqueViolation)
        _ = try await Self.officer("COLP_FTC", "4471", on: connection)
        try await connection.query(PostgresQuery("test_revoke_officer", "UPDATE officers SET revoked_at = now() WHERE id = $1", [nca]))
        _ = try await Self.officer("NCA_TICAT", "4471", on: connection)
        await connection.close()
    }

    static func key(_ id: String, agency: String?, officer: Int64? = nil, scopes: String = "{agency:tasking}") -> PostgresQuery {
        PostgresQuery(
            "test_insert_key", "INSERT INTO api_keys (id, agency_code, officer_id, scopes, secret_hash) VALUES ($1, $2, $3, $4::text[], $5)",
            [id, agency, officer, scopes, hash])
    }

    static func officer(_ agency: String, _ staffID: String, on connection: PostgresConnection) async throws -> Int64 {
        let insert = PostgresQuery(
            "test_insert_officer", "INSERT INTO officers (agency_code, name, staff_id) VALUES ($1, 'Test Officer', $2) RETURNING id",
            [agency, staffID])
        return try #require(try await connection.query(insert).single).decode(Int64.self, "id")
    }
}
