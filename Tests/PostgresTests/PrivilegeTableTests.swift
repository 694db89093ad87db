import Foundation
import Postgres
import Schema
import Testing
import TestSupport

@Suite("docs/privileges.md")
struct PrivilegeTableTests {
    @Test("the committed table is what a freshly migrated database grants")
    func committedTableIsCurrent() async throws {
        let database = try await TestDatabase.create(template: .empty)
        let connection = try await database.connect()
        try await Migrator().migrate(connection)
        let generated = try await PrivilegeTable.markdown(on: connection)
        await connection.close()
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/privileges.md").standardized
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == generated, "docs/privileges.md differs from the migrations' grants and policies: regenerate it with `\(PrivilegeTable.regenerate)` and review the diff")
    }

    @Test("the table shows a changed grant")
    func showsChanges() async throws {
        let database = try await TestDatabase.create()
        let connection = try await database.connect()
        let before = try await PrivilegeTable.markdown(on: connection)
        try await connection.execute("GRANT SELECT (created_at) ON partners TO occ_feedback", name: "test_extra_grant")
        let after = try await PrivilegeTable.markdown(on: connection)
        await connection.close()
        #expect(before.contains("| SELECT (id, name, sector) |"))
        #expect(after.contains("| SELECT (created_at, id, name, sector) |"))
    }
}
