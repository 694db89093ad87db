import Foundation
import Postgres
import ServiceKit
import TestSupport
import Testing

/// `occ audit verify` and `occ audit tail`, the real executable against a throwaway database,
/// connected as the operator role so the check needs no more than its grants.
@Suite("occ audit verify: the real executable checks the hash-chained audit log")
struct AuditVerifyCommandTests {
    @Test("an intact chain: exit 0, the row count and the newest hash, whatever the page size", arguments: [1, 2, 5, 5_000])
    func intact(pageSize: Int) async throws {
        let (database, appended) = try await Self.seeded(events: 5)
        let run = try await OCCCommand.run(["audit", "verify", "--page-size", String(pageSize)], conninfo: Self.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "audit log intact: 5 rows, newest hash \(appended[4].hash)\n")
        #expect(!run.stderr.contains("failed"))
    }

    @Test("an empty log is intact: exit 0")
    func empty() async throws {
        let database = try await TestDatabase.create()
        let run = try await OCCCommand.run(["audit", "verify"], conninfo: Self.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "audit log intact: 0 rows (empty)\n")
    }

    @Test("a row whose event was rewritten behind the trigger's back: exit 1, naming that row")
    func tamperedEvent() async throws {
        let (database, appended) = try await Self.seeded(events: 5)
        let update = PostgresQuery("test_tamper_event", "UPDATE audit_log SET event = replace(event, 'original', 'forged') WHERE id = $1")
        #expect(try await Self.bypassingTriggers(database, update.binding(appended[2].id)) == 1)
        let run = try await OCCCommand.run(["audit", "verify", "--page-size", "2"], conninfo: Self.asOperator(database))
        #expect(run.status == 1)
        #expect(run.stdout == "audit log BROKEN at row \(appended[2].id): hash does not match the stored event (2 rows before it verified)\n")
        #expect(run.stderr.contains("broken at row \(appended[2].id)"))
    }

    @Test("a row whose column no longer says what its hashed event says: exit 1, naming that row")
    func tamperedColumn() async throws {
        let (database, appended) = try await Self.seeded(events: 5)
        let update = PostgresQuery("test_tamper_actor", "UPDATE audit_log SET actor = $2 WHERE id = $1")
        #expect(try await Self.bypassingTriggers(database, update.binding(appended[3].id, "partner:99")) == 1)
        let run = try await OCCCommand.run(["audit", "verify"], conninfo: Self.asOperator(database))
        #expect(run.status == 1)
        #expect(run.stdout == "audit log BROKEN at row \(appended[3].id): column actor differs from the hashed event (3 rows before it verified)\n")
    }

    @Test("a deleted middle row: exit 1, broken at the row after it")
    func deletedRow() async throws {
        let (database, appended) = try await Self.seeded(events: 5)
        let delete = PostgresQuery("test_delete_audit_row", "DELETE FROM audit_log WHERE id = $1")
        #expect(try await Self.bypassingTriggers(database, delete.binding(appended[2].id)) == 1)
        let run = try await OCCCommand.run(["audit", "verify", "--page-size", "3"], conninfo: Self.asOperator(database))
        #expect(run.status == 1)
        #expect(run.stdout == "audit log BROKEN at row \(appended[3].id): prev_hash does not match the previous row's hash (2 rows before it verified)\n")
    }

    /// DATABASE_URL points where nothing listens: a usage error must come before any connection
    /// attempt (which would fail with exit 1 instead of 64).
    @Test("a bad --page-size is a usage error: exit 64, nothing on stdout, no connection attempted", arguments: [
        ["--page-size", "0"], ["--page-size", "100001"], ["--page-size", "-5"], ["--page-size", "many"], ["--page-size"],
        ["--pagesize", "10"], ["extra"],
    ])
    func badOptions(options: [String]) async throws {
        let nowhere = "host=/nonexistent-\(getpid()) port=1 dbname=none connect_timeout=2"
        let run = try await OCCCommand.run(["audit", "verify"] + options, conninfo: nowhere)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("usage: occ audit verify"))
        #expect(!run.stderr.contains("failed"))
    }

    @Test("the check cannot run (no server): exit 1, not 0")
    func unreachable() async throws {
        let run = try await OCCCommand.run(["audit", "verify"], conninfo: "host=/nonexistent-\(getpid()) port=1 dbname=none connect_timeout=2")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("audit verify failed"))
    }

    @Test("occ audit tail prints the newest events, oldest of them first")
    func tail() async throws {
        let (database, appended) = try await Self.seeded(events: 5)
        let run = try await OCCCommand.run(["audit", "tail", "--limit", "2"], conninfo: Self.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.count == 2)
        #expect(lines.map { $0[0] } == [String(appended[3].id), String(appended[4].id)])
        #expect(lines.map { Array($0.dropFirst(2)) } == [
            ["operator", "test.event", "test:4"], ["operator", "test.event", "test:5"],
        ])
        #expect(try await OCCCommand.run(["audit", "tail", "--limit", "0"], conninfo: Self.asOperator(database)).status == 64)
    }

    // MARK: - Helpers

    /// A fresh migrated database with `events` audit events appended, one transaction each.
    static func seeded(events: Int) async throws -> (TestDatabase, [AuditLog.Appended]) {
        let database = try await TestDatabase.create()
        let connection = try await database.connect()
        var appended: [AuditLog.Appended] = []
        for number in 1...events {
            let event = AuditEvent(
                actor: "operator", action: "test.event", subjectType: "test", subjectID: String(number),
                detail: ["note": "original \(number)"])
            appended.append(try await connection.transaction { try await AuditLog.append(event, on: $0) })
        }
        await connection.close()
        return (database, appended)
    }

    /// Runs `statement` as the superuser with the table's append-only triggers off for it alone;
    /// returns the rows it affected.
    static func bypassingTriggers(_ database: TestDatabase, _ statement: PostgresQuery) async throws -> Int {
        let connection = try await database.connect()
        try await connection.execute("ALTER TABLE audit_log DISABLE TRIGGER USER", name: "test_disable_audit_triggers")
        let affected = try await connection.query(statement).affectedRows
        try await connection.execute("ALTER TABLE audit_log ENABLE TRIGGER USER", name: "test_enable_audit_triggers")
        await connection.close()
        return affected
    }

    /// The database's conninfo as the operator's login, as a deployment runs `occ audit`.
    static func asOperator(_ database: TestDatabase) -> String {
        database.conninfo(as: .operator)
    }
}
