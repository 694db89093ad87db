import Foundation
import Postgres
import ServiceKit
import TestSupport
import Testing

/// `occ audit checkpoint` and `occ audit verify --checkpoint`: the real executable signs the head
/// with a key outside the database and later names what the table's owner did to the log.
@Suite("occ audit checkpoint: a signed head exposes re-chained, truncated and forged logs")
struct AuditCheckpointCommandTests {
    static let key = "k3y-outside-the-database-0123456789abcdef"

    /// A seeded, chained log, a key file, and a checkpoint of its head written by `occ`.
    struct Signed {
        let database: TestDatabase
        let heads: [AuditLog.Head]
        let keyFile: String
        let checkpoint: String

        func verify(keyFile: String? = nil) async throws -> OCCCommand {
            try await OCCCommand.run(
                ["audit", "verify", "--checkpoint", checkpoint, "--key-file", keyFile ?? self.keyFile],
                conninfo: AuditFixtures.asOperator(database))
        }

        func remove() { AuditFixtures.removeTemporary(keyFile, checkpoint) }
    }

    static func signed(events: Int = 5) async throws -> Signed {
        let (database, heads) = try await AuditFixtures.seeded(events: events)
        let keyFile = try AuditFixtures.temporaryFile("audit.key", contents: key + "\n")
        let checkpoint = try AuditFixtures.temporaryFile("head.checkpoint")
        let run = try await OCCCommand.run(["audit", "checkpoint", "--key-file", keyFile, "--out", checkpoint], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        return Signed(database: database, heads: heads, keyFile: keyFile, checkpoint: checkpoint)
    }

    @Test("checkpoint signs the verified head; verify against it: exit 0, matched, later rows allowed")
    func matched() async throws {
        let signed = try await Self.signed()
        defer { signed.remove() }
        let text = try String(contentsOfFile: signed.checkpoint, encoding: .utf8)
        let checkpoint = try AuditCheckpoint(verifying: text, key: Array(Self.key.utf8))
        #expect(checkpoint.seq == 5)
        #expect(checkpoint.hash == signed.heads[4].hash)

        let connection = try await signed.database.connect()
        defer { Task { await connection.close() } }
        try await AuditFixtures.append(2, from: 6, on: connection)
        try await AuditLog.chainPending(on: connection)
        let run = try await signed.verify()
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("audit log intact: 7 rows chained, newest seq 7 hash ") == true)
        #expect(lines.dropFirst().first?.hasPrefix("checkpoint matched: seq 5 hash \(signed.heads[4].hash) (taken ") == true)
    }

    @Test("checkpoint chains the pending rows first and says which arrived after it")
    func chainsPendingFirst() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 2)
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        try await AuditFixtures.append(3, from: 3, on: connection)
        let keyFile = try AuditFixtures.temporaryFile("audit.key", contents: Self.key)
        let out = try AuditFixtures.temporaryFile("head.checkpoint")
        defer { AuditFixtures.removeTemporary(keyFile, out) }
        let run = try await OCCCommand.run(["audit", "checkpoint", "--key-file", keyFile, "--out", out], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 0, "\(run.stderr)")
        let head = try #require(try await AuditFixtures.heads(on: connection).last)
        #expect(head.seq == 5)
        #expect(run.stdout.hasPrefix("checkpoint \(out): seq 5 hash \(head.hash) taken_at "))
    }

    @Test("a log rewritten and chained again: plain verify is fooled, verify --checkpoint says RE-CHAINED (exit 4)")
    func rechained() async throws {
        let signed = try await Self.signed()
        defer { signed.remove() }
        // The owner's attack: rewrite rows 3… and let audit_chain link them afresh.
        try await AuditFixtures.bypassingTriggers(signed.database, """
            UPDATE audit_log SET event = replace(event, 'original', 'forged'), chain_seq = NULL, prev_hash = NULL, hash = NULL
            WHERE chain_seq >= 3
            """)
        let connection = try await signed.database.connect()
        defer { Task { await connection.close() } }
        #expect(try await AuditLog.chainPending(on: connection) == 3)
        let forgedHead = try #require(try await AuditFixtures.heads(on: connection).last)
        #expect(forgedHead.seq == 5)
        #expect(forgedHead.hash != signed.heads[4].hash)

        let plain = try await OCCCommand.run(["audit", "verify"], conninfo: AuditFixtures.asOperator(signed.database))
        #expect(plain.status == 0, "a consistent chain verifies on its own: only the checkpoint can tell")
        let run = try await signed.verify()
        #expect(run.status == 4)
        #expect(run.stdout == """
            audit log RE-CHAINED: the row numbered 5 has hash \(forgedHead.hash), the checkpoint signed \(signed.heads[4].hash): \
            rows up to seq 5 were rewritten and chained again

            """)
        #expect(run.stderr.contains("re-chained at or before seq 5"))
    }

    @Test("rows cut from the end: verify --checkpoint says TRUNCATED (exit 5), naming both ends")
    func truncated() async throws {
        let signed = try await Self.signed()
        defer { signed.remove() }
        #expect(try await AuditFixtures.bypassingTriggers(signed.database, "DELETE FROM audit_log WHERE chain_seq > 3") == 2)
        let plain = try await OCCCommand.run(["audit", "verify"], conninfo: AuditFixtures.asOperator(signed.database))
        #expect(plain.status == 0, "a shorter chain verifies on its own: only the checkpoint can tell")
        let run = try await signed.verify()
        #expect(run.status == 5)
        #expect(run.stdout == "audit log TRUNCATED: the chain ends at seq 3, the checkpoint signed seq 5: rows after seq 3 were deleted\n")
    }

    @Test("a forged row appended by the table's owner, chained the old way: exit 3 at its seq")
    func forgedRow() async throws {
        let signed = try await Self.signed()
        defer { signed.remove() }
        // What an intake login could do before migration 6: a row linked with SQL's sha256.
        try await AuditFixtures.bypassingTriggers(signed.database, """
            INSERT INTO audit_log (occurred_at, actor, action, subject_type, subject_id, event, chain_seq, prev_hash, hash, login, recorded_at)
            SELECT now(), 'operator', 'api_key.revoked', 'api_key', 'abcd', '{"forged":true}', 6, h.hash,
                   encode(sha256(convert_to(h.hash || '{"forged":true}', 'UTF8')), 'hex'), 'occ_operator_login', now()
            FROM (SELECT hash FROM audit_log ORDER BY chain_seq DESC LIMIT 1) h
            """)
        let run = try await signed.verify()
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("audit log BROKEN at seq 6 (row id "))
        #expect(run.stdout.contains("hash does not match the row's contents: forged or altered (5 rows before it verified)"))
    }

    @Test("an altered row before the checkpoint: exit 3 at its seq, before any checkpoint comparison")
    func alteredRow() async throws {
        let signed = try await Self.signed()
        defer { signed.remove() }
        #expect(try await AuditFixtures.bypassingTriggers(signed.database, "UPDATE audit_log SET actor = 'partner:99' WHERE chain_seq = 2") == 1)
        let run = try await signed.verify()
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("audit log BROKEN at seq 2 (row id "))
    }

    @Test("a checkpoint edited, or checked with another key: REJECTED, exit 6")
    func rejectedCheckpoint() async throws {
        let signed = try await Self.signed()
        defer { signed.remove() }
        let otherKey = try AuditFixtures.temporaryFile("other.key", contents: String(repeating: "x", count: 40))
        defer { AuditFixtures.removeTemporary(otherKey) }
        let wrongKey = try await signed.verify(keyFile: otherKey)
        #expect(wrongKey.status == 6)
        #expect(wrongKey.stdout.contains("checkpoint REJECTED"))
        #expect(wrongKey.stdout.contains("signed with another key"))

        // Pointing the checkpoint at an earlier row, to hide a truncation, breaks the signature.
        let text = try String(contentsOfFile: signed.checkpoint, encoding: .utf8)
        try text.replacingOccurrences(of: "chain_seq: 5", with: "chain_seq: 3").write(toFile: signed.checkpoint, atomically: true, encoding: .utf8)
        let edited = try await signed.verify()
        #expect(edited.status == 6)
    }

    @Test("checkpoint refuses to sign a broken chain: same exit status as verify, no file written")
    func refusesBrokenChain() async throws {
        let signed = try await Self.signed()
        defer { signed.remove() }
        #expect(try await AuditFixtures.bypassingTriggers(signed.database, "DELETE FROM audit_log WHERE chain_seq > 3") == 2)
        let next = try AuditFixtures.temporaryFile("next.checkpoint")
        defer { AuditFixtures.removeTemporary(next) }
        let run = try await OCCCommand.run(
            ["audit", "checkpoint", "--key-file", signed.keyFile, "--out", next, "--previous", signed.checkpoint],
            conninfo: AuditFixtures.asOperator(signed.database))
        #expect(run.status == 5)
        #expect(!FileManager.default.fileExists(atPath: next))
    }

    @Test("a key shorter than 32 bytes cannot sign: exit 1, no file")
    func shortKey() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 1)
        let keyFile = try AuditFixtures.temporaryFile("short.key", contents: "too short\n")
        let out = try AuditFixtures.temporaryFile("head.checkpoint")
        defer { AuditFixtures.removeTemporary(keyFile, out) }
        let run = try await OCCCommand.run(["audit", "checkpoint", "--key-file", keyFile, "--out", out], conninfo: AuditFixtures.asOperator(database))
        #expect(run.status == 1)
        #expect(run.stderr.contains("holds 9 bytes; a key needs at least 32"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a log cut to nothing: TRUNCATED at seq 0 (exit 5)")
    func truncatedToNothing() async throws {
        let signed = try await Self.signed(events: 1)
        defer { signed.remove() }
        #expect(try await AuditFixtures.bypassingTriggers(signed.database, "DELETE FROM audit_log") == 1)
        let run = try await signed.verify()
        #expect(run.status == 5)
        #expect(run.stdout == "audit log TRUNCATED: the chain ends at seq 0, the checkpoint signed seq 1: rows after seq 0 were deleted\n")
    }
}
