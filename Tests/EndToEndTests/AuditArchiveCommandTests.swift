import Foundation
import Postgres
import ServiceKit
import TestSupport
import Testing

/// `occ audit archive`: the oldest rows leave the database for a file, and the chain left behind
/// still verifies, against the checkpoint that authorised the archive and later ones.
@Suite("occ audit archive: archived rows leave a verifiable chain behind")
struct AuditArchiveCommandTests {
    @Test("archive through a checkpointed seq; verify passes with and without the checkpoint; forged boundaries and misuse are caught")
    func archive() async throws {
        let signed = try await AuditCheckpointCommandTests.signed(events: 10)
        defer { signed.remove() }
        let operatorURL = AuditFixtures.asOperator(signed.database)
        let occ = { (arguments: [String]) in try await OCCCommand.run(arguments, conninfo: operatorURL) }
        let early = try AuditFixtures.temporaryFile("early.checkpoint")
        let archiveFile = try AuditFixtures.temporaryFile("audit-1.archive")
        defer { AuditFixtures.removeTemporary(early, archiveFile) }

        let refusedHead = try await occ(["audit", "archive", "--checkpoint", signed.checkpoint, "--key-file", signed.keyFile,
                                         "--through-seq", "10", "--out", archiveFile])
        #expect(refusedHead.status == 1 && refusedHead.stderr.contains("the chain's head stays"), "\(refusedHead.stderr)")
        #expect(!FileManager.default.fileExists(atPath: archiveFile), "a refused archive leaves no file")
        let pastCheckpoint = try await occ(["audit", "archive", "--checkpoint", signed.checkpoint, "--key-file", signed.keyFile,
                                            "--through-seq", "11", "--out", archiveFile])
        #expect(pastCheckpoint.status == 64 && pastCheckpoint.stderr.contains("after the checkpoint's seq 10"))

        let archived = try await occ(["audit", "archive", "--checkpoint", signed.checkpoint, "--key-file", signed.keyFile,
                                      "--through-seq", "6", "--out", archiveFile])
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(archived.stdout.hasPrefix("archived 6 rows through seq 6 to \(archiveFile)"))
        let lines = try String(contentsOfFile: archiveFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.prefix(6).enumerated().allSatisfy { $0.element.contains("\"chain_seq\":\($0.offset + 1),") })
        #expect(lines[5].contains("\"hash\":\"\(signed.heads[5].hash)\""))
        #expect(lines[6] == "occ-audit-checkpoint/1")

        let pool = signed.database.pool()
        defer { Task { await pool.close() } }
        let remaining = try await pool.query(PostgresQuery("test_remaining", "SELECT min(chain_seq)::int AS low, count(*)::int AS n FROM audit_log"))
        #expect(try remaining.single?.decode(Int.self, "low") == 7 && remaining.single?.decode(Int.self, "n") == 4)
        let plain = try await occ(["audit", "verify"])
        #expect(plain.status == 0, "\(plain.stdout)")
        #expect(plain.stdout.contains("audit log intact: 4 rows chained, newest seq 10"))
        #expect(plain.stdout.contains("archived through seq 6"))
        #expect(try await signed.verify().status == 0)

        // More events, a new checkpoint: the chain keeps growing from the boundary.
        let connection = try await signed.database.connect()
        try await AuditFixtures.append(3, from: 11, on: connection)
        try await AuditLog.chainPending(on: connection)
        await connection.close()
        #expect(try await occ(["audit", "checkpoint", "--key-file", signed.keyFile, "--out", early, "--previous", signed.checkpoint]).status == 0)
        #expect(try await OCCCommand.run(["audit", "verify", "--checkpoint", early, "--key-file", signed.keyFile], conninfo: operatorURL).status == 0)

        // Nobody else deletes a row, not even the operator; a second archive starts at the boundary.
        let refusal = try await pool.query(PostgresQuery("test_boundary_count", "SELECT count(*)::int AS n FROM audit_archives"))
        #expect(try refusal.single?.decode(Int.self, "n") == 1)
        let operatorConnection = try await PostgresConnection.connect(operatorURL)
        await #expect(throws: PostgresError.self) {
            try await operatorConnection.execute("DELETE FROM audit_log WHERE chain_seq = 7", name: "test_delete")
        }
        await operatorConnection.close()

        // A forged boundary no longer links to the first row kept.
        try await pool.query(PostgresQuery("test_forge_boundary", "UPDATE audit_archives SET boundary_hash = repeat('a', 64)"))
        let forged = try await occ(["audit", "verify"])
        #expect(forged.status == 3 && forged.stdout.contains("BROKEN at seq 7"), "\(forged.stdout)")
        // A checkpoint older than the boundary cannot vouch for the database's rows.
        try await pool.query(PostgresQuery("test_restore_boundary", "UPDATE audit_archives SET boundary_hash = $1", [signed.heads[5].hash]))
        let oldCheckpoint = AuditCheckpoint(head: signed.heads[2], takenAt: "2026-01-01T00:00:00Z").signed(key: Array(AuditCheckpointCommandTests.key.utf8))
        try oldCheckpoint.write(toFile: early, atomically: true, encoding: .utf8)
        let old = try await OCCCommand.run(["audit", "verify", "--checkpoint", early, "--key-file", signed.keyFile], conninfo: operatorURL)
        #expect(old.status == 7, "\(old.stdout)\(old.stderr)")
    }
}
