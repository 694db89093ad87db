import Foundation
import Postgres
import ServiceKit
import TestSupport

/// Databases with audit rows in them, the ways to tamper with them that only the table's owner
/// has, and the service logins and files the audit tests need.
enum AuditFixtures {
    /// A fresh migrated database with `events` audit events appended (one transaction each) and
    /// chained; returns the chain's heads after each event, oldest first.
    static func seeded(events: Int) async throws -> (TestDatabase, [AuditLog.Head]) {
        let database = try await TestDatabase.create()
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        try await append(events, from: 1, on: connection)
        try await AuditLog.chainPending(on: connection)
        return (database, try await heads(on: connection))
    }

    /// Appends events numbered `first`, `first + 1`, … as the operator would.
    static func append(_ count: Int, from first: Int, on connection: PostgresConnection) async throws {
        for number in first..<(first + count) {
            let event = AuditEvent(
                actor: "operator", action: "test.event", subjectType: "test", subjectID: String(number),
                detail: ["note": "original \(number)"])
            try await connection.transaction { try await AuditLog.append(event, on: $0) }
        }
    }

    /// Every chained row's (seq, hash), in chain order.
    static func heads(on connection: PostgresConnection) async throws -> [AuditLog.Head] {
        try await connection.query(PostgresQuery("test_audit_heads", "SELECT chain_seq, hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq"))
            .map { AuditLog.Head(seq: try $0.decode(Int64.self, "chain_seq"), hash: try $0.decode(String.self, "hash")) }
    }

    /// Runs `sql` as the superuser (the power of the table's owner) with the table's append-only
    /// triggers off for it alone; returns the rows the last statement affected.
    @discardableResult
    static func bypassingTriggers(_ database: TestDatabase, _ sql: String) async throws -> Int {
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        try await connection.execute("ALTER TABLE audit_log DISABLE TRIGGER USER", name: "test_disable_audit_triggers")
        let affected = try await connection.execute(sql, name: "test_tamper").affectedRows
        try await connection.execute("ALTER TABLE audit_log ENABLE TRIGGER USER", name: "test_enable_audit_triggers")
        return affected
    }

    /// The database's conninfo, connected as the superuser but acting as `occ_operator` throughout.
    static func asOperator(_ database: TestDatabase) -> String {
        database.conninfo(as: .operator)
    }

    /// A new LOGIN role that is a member of `group` (e.g. `occ_intake`) and nothing else, as
    /// deploy/postgres/roles.sql makes them; returns its name and conninfo. Roles are cluster-wide,
    /// so the name carries the database's.
    static func login(_ database: TestDatabase, member group: String) async throws -> (name: String, conninfo: String) {
        let name = "\(database.name)_\(group)_login"
        let admin = try await database.connect()
        defer { Task { await admin.close() } }
        // Identifiers cannot be bound; both parts are ours (digits, underscores, a fixed group name).
        try await admin.execute("""
            CREATE ROLE \(name) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
            GRANT \(group) TO \(name);
            """, name: "test_create_login")
        return (name, database.cluster.conninfo(database: database.name, user: name))
    }

    /// A file in a fresh temporary folder (removed by `removeTemporary`).
    static func temporaryFile(_ name: String, contents: String? = nil) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("occ-audit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        if let contents {
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        return path
    }

    static func removeTemporary(_ paths: String...) {
        for path in paths { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
    }
}
