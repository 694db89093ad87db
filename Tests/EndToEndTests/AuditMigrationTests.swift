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

extension AuditMigrationTests {
    @Test("rows chained before migration 6 keep their rule and numbers; later rows chain after them and all verify")
    func legacyRows() async throws {
        let database = try await TestDatabase.create(template: .empty)
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        try await Migrator(migrations: Migrations.all.filter { $0.version < 6 }).migrate(connection)
        // Three rows appended the way services did before migration 6: SHA-256(prev_hash || event).
        for number in 1...3 {
            try await connection.query(PostgresQuery("test_legacy_append", """
                INSERT INTO audit_log (actor, action, subject_type, subject_id, event, prev_hash, hash)
                SELECT 'operator', 'test.legacy', 'test', $1::text, e.event, p.hash, encode(sha256(convert_to(p.hash || e.event, 'UTF8')), 'hex')
                FROM (SELECT '{"n":' || $1::text || '}' AS event) e,
                     (SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), repeat('0', 64)) AS hash) p
                """).binding(number))
        }
        try await Migrator().migrate(connection)
        let legacy = try await AuditLog.verify(on: connection)
        #expect(legacy.isIntact)
        #expect(legacy.rows == 3)
        try await AuditFixtures.append(2, from: 4, on: connection)
        try await AuditLog.chainPending(on: connection)
        let all = try await AuditLog.verify(on: connection)
        #expect(all.isIntact)
        #expect(all.rows == 5)
        // A login-less row after rows with one is refused: the old rule needs no key.
        try await AuditFixtures.bypassingTriggers(database, """
            INSERT INTO audit_log (actor, action, subject_type, subject_id, event, chain_seq, prev_hash, hash)
            SELECT 'operator', 'test.legacy', 'test', '6', '{}', 6, h.hash, encode(sha256(convert_to(h.hash || '{}', 'UTF8')), 'hex')
            FROM (SELECT hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1) h
            """)
        guard case .broken(let seq, _, let reason) = try await AuditLog.verify(on: connection).finding else {
            Issue.record("a login-less row after the migration must break the chain")
            return
        }
        #expect(seq == 6)
        #expect(reason == "no recorded login, yet rows before it have one")
    }
}
