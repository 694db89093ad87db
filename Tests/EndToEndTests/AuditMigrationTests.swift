import Foundation
import Postgres
import Schema
import ServiceKit
import TestSupport
import Testing

@Suite("migration 6 under a production-like schema owner")
struct AuditMigrationTests {
    @Test("every migration applies as a non-superuser owner with CREATEROLE that owns the database, and the definer functions work")
    func nonSuperuserOwner() async throws {
        let database = try await TestDatabase.create(template: .empty)
        let owner = "\(database.name)_owner"
        let admin = try await database.connect()
        // Identifiers cannot be bound; both are ours (digits and underscores).
        try await admin.execute("""
            CREATE ROLE \(owner) LOGIN CREATEROLE NOSUPERUSER;
            ALTER DATABASE \(database.name) OWNER TO \(owner);
            """, name: "test_create_owner")
        await admin.close()
        let connection = try await PostgresConnection.connect(database.cluster.conninfo(database: database.name, user: owner))
        defer { Task { await connection.close() } }
        try await Migrator().migrate(connection)
        let functions = try await connection.query(PostgresQuery("test_audit_function_owners", """
            SELECT p.proname, pg_get_userbyid(p.proowner) AS owner, p.prosecdef, array_to_string(p.proconfig, ',') AS config
            FROM pg_proc p WHERE p.proname IN ('audit_append', 'audit_chain') ORDER BY p.proname
            """)).map { (try $0.decode(String.self, "proname"), try $0.decode(String.self, "owner"), try $0.decode(Bool.self, "prosecdef"), try $0.decode(String.self, "config")) }
        #expect(functions.map(\.0) == ["audit_append", "audit_chain"])
        #expect(functions.allSatisfy { $0.1 == "occ_audit_owner" && $0.2 && $0.3 == "search_path=pg_catalog, public, pg_temp" }, "\(functions)")
        let login = try await AuditFixtures.login(database, member: "occ_feedback")
        let service = try await PostgresConnection.connect(login.conninfo)
        defer { Task { await service.close() } }
        try await AuditLog.append(AuditEvent(actor: "service:feedback", action: "test.event", subjectType: "test", subjectID: "1"), on: service)
        #expect(try await AuditLog.chainPending(on: service) == 1)
        #expect(try await AuditLog.verify(on: connection).rows == 1)
    }
}
