import Foundation
import Postgres
import ServiceKit
import TestSupport
import Testing

/// `occ audit verify`, `occ audit chain` and `occ audit tail`, the real executable against a
/// throwaway database, connected as the operator role so they need no more than its grants.
@Suite("occ audit verify: the real executable checks the hash-chained audit log")
struct AuditVerifyCommandTests {
    @Test("an intact chain: exit 0, the row count and the newest seq and hash, whatever the page size", arguments: [1, 2, 5, 5_000])
    func intact(pageSize: Int) async throws {
        let (database, heads) = try await AuditFixtures.seeded(events: 5)
        let run = try await OCCCommand.run(["audit", "verify", "--page-size", String(pageSize)], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "audit log intact: 5 rows chained, newest seq 5 hash \(heads[4].hash)\n")
        #expect(!run.stderr.contains("failed"))
    }

    @Test("an empty log is intact: exit 0")
    func empty() async throws {
        let database = try await TestDatabase.create()
        let run = try await OCCCommand.run(["audit", "verify"], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "audit log intact: 0 rows chained\n")
    }

    @Test("pending rows are reported, not failures; occ audit chain links them and says so")
    func pendingThenChained() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 3)
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        try await AuditFixtures.append(2, from: 4, on: connection)
        let before = try await OCCCommand.run(["audit", "verify"], conninfo: AuditFixtures.asOperator(database))
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.hasPrefix("audit log intact: 3 rows chained, newest seq 3 hash "))
        #expect(before.stdout.hasSuffix("\n2 rows pending (appended, not chained yet: covered by no hash until chained)\n"))

        let chain = try await OCCCommand.run(["audit", "chain", "--batch", "1"], conninfo: AuditFixtures.asOperator(database))
        #expect(chain.status == 0, "\(chain.stderr)")
        let head = try #require(try await AuditFixtures.heads(on: connection).last)
        #expect(chain.stdout == "chained 2 rows; newest seq 5 hash \(head.hash); 0 pending\n")
        let after = try await OCCCommand.run(["audit", "verify"], conninfo: AuditFixtures.asOperator(database))
        #expect(after.stdout == "audit log intact: 5 rows chained, newest seq 5 hash \(head.hash)\n")
    }

    @Test("a row whose event was rewritten behind the trigger's back: exit 3, naming its seq")
    func tamperedEvent() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 5)
        #expect(try await AuditFixtures.bypassingTriggers(database, "UPDATE audit_log SET event = replace(event, 'original', 'forged') WHERE chain_seq = 3") == 1)
        let run = try await OCCCommand.run(["audit", "verify", "--page-size", "2"], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("audit log BROKEN at seq 3 (row id "))
        #expect(run.stdout.hasSuffix("): hash does not match the row's contents: forged or altered (2 rows before it verified)\n"))
        #expect(run.stderr.contains("the audit chain is broken at seq 3"))
    }

    @Test("a row whose recorded login was rewritten: exit 3 at its seq (the login is hashed)")
    func tamperedLogin() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 5)
        #expect(try await AuditFixtures.bypassingTriggers(database, "UPDATE audit_log SET login = 'occ_operator_login' WHERE chain_seq = 4") == 1)
        let run = try await OCCCommand.run(["audit", "verify"], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("audit log BROKEN at seq 4 "))
    }

    @Test("a deleted middle row: exit 3, the missing seq named")
    func deletedRow() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 5)
        #expect(try await AuditFixtures.bypassingTriggers(database, "DELETE FROM audit_log WHERE chain_seq = 3") == 1)
        let run = try await OCCCommand.run(["audit", "verify", "--page-size", "3"], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 3)
        #expect(run.stdout == "audit log BROKEN at seq 3: no row has this number (the next is 4): rows were deleted (2 rows before it verified)\n")
    }

    /// DATABASE_URL points where nothing listens: a usage error must come before any connection
    /// attempt (which would fail with exit 1 instead of 64).
    @Test("a bad option is a usage error: exit 64, nothing on stdout, no connection attempted", arguments: [
        ["--page-size", "0"], ["--page-size", "100001"], ["--page-size", "-5"], ["--page-size", "many"], ["--page-size"],
        ["--pagesize", "10"], ["extra"], ["--checkpoint", "/nonexistent"], ["--key-file", "/nonexistent"],
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

    @Test("occ audit tail prints the newest events, oldest of them first, with the recorded login")
    func tail() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 5)
        let run = try await OCCCommand.run(["audit", "tail", "--limit", "2"], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.count == 2)
        #expect(lines.map { $0[1] } == ["4", "5"])
        // The test cluster's superuser appended them (and only then took the operator role).
        #expect(lines.map { Array($0.dropFirst(3)) } == [
            [database.cluster.superuser, "operator", "test.event", "test:4"], [database.cluster.superuser, "operator", "test.event", "test:5"],
        ])
        #expect(try await OCCCommand.run(["audit", "tail", "--limit", "0"], conninfo: AuditFixtures.asOperator(database)).status == 64)
    }
}
