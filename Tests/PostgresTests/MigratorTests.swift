import Foundation
import Postgres
import Schema
import Testing
import TestSupport

@Suite("Migrations")
struct MigratorTests {
    @Test("migrations apply once, in order, even when two run at the same time")
    func concurrentMigrate() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let a = try await db.connect()
        let b = try await db.connect()
        async let first = Migrator().migrate(a)
        async let second = Migrator().migrate(b)
        let applied = try await first.count + second.count
        #expect(applied == Migrations.all.count)
        let status = try await Migrator().status(a)
        #expect(status.allSatisfy { $0.appliedAt != nil && $0.checksumMatches })
        #expect(try await Migrator().isCurrent(a))
        #expect(try await Migrator().migrate(a).isEmpty)
        await a.close()
        await b.close()
    }

    @Test("a failing migration leaves nothing behind")
    func failingMigration() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let connection = try await db.connect()
        let broken = Migrator(migrations: [
            Migration(version: 1, name: "ok", sql: "CREATE TABLE a (v int)"),
            Migration(version: 2, name: "broken", sql: "CREATE TABLE b (v int); SELECT * FROM no_such_table"),
        ])
        await #expect(throws: PostgresError.self) { try await broken.migrate(connection) }
        let status = try await broken.status(connection)
        #expect(status.map { $0.appliedAt != nil } == [true, false])
        let tableB = try await connection.query(PostgresQuery("exists", "SELECT to_regclass('b') IS NULL AS missing")).single?.decode(Bool.self, "missing")
        #expect(tableB == true)
        await connection.close()
    }
}
