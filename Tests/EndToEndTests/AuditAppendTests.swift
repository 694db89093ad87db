import Foundation
import Postgres
import Runtime
import ServiceKit
import TestSupport
import Testing

/// Migration 6 on a real server: services append only through `audit_append`, which records who
/// they are; rows are chained once, by one leader at a time, in commit order.
@Suite("audit appends: only through the definer function, recording the login")
struct AuditAppendTests {
    /// The server's SQLSTATE of what `body` threw, or nil if it did not throw.
    static func refusal(_ body: () async throws -> Void) async -> SQLState? {
        do {
            try await body()
            return nil
        } catch let error as PostgresError {
            return error.sqlState
        } catch {
            return SQLState("?????")
        }
    }

    @Test("a service login cannot insert, update, delete or truncate audit rows directly (42501)", arguments: [
        "occ_intake", "occ_enrichment", "occ_tasking", "occ_feedback", "occ_operator",
    ])
    func directWritesRefused(group: String) async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 2)
        let admin = try await database.connect()
        defer { Task { await admin.close() } }
        try await AuditFixtures.append(1, from: 3, on: admin)
        let login = try await AuditFixtures.login(database, member: group)
        let connection = try await PostgresConnection.connect(login.conninfo)
        defer { Task { await connection.close() } }
        let attempts = [
            "INSERT INTO audit_log (actor, action, subject_type, subject_id, event) VALUES ('operator', 'x', 'y', 'z', '{}')",
            "INSERT INTO audit_log (actor, action, subject_type, subject_id, event, chain_seq, prev_hash, hash) VALUES ('operator', 'x', 'y', 'z', '{}', 4, repeat('0', 64), repeat('1', 64))",
            "UPDATE audit_log SET actor = 'someone else' WHERE chain_seq = 1",
            "UPDATE audit_log SET chain_seq = 3, prev_hash = repeat('0', 64), hash = repeat('2', 64) WHERE chain_seq IS NULL",
            "DELETE FROM audit_log WHERE chain_seq = 2",
            "TRUNCATE audit_log",
        ]
        // Only the operator reads what the log says; services see ids and chain positions.
        let reads = group == "occ_operator" ? [] : ["SELECT event FROM audit_log", "SELECT actor, login FROM audit_log"]
        for sql in attempts + reads {
            let state = await Self.refusal { try await connection.execute(sql, name: "test_direct_write") }
            #expect(state == .insufficientPrivilege, "\(group): \(sql)")
        }
        // What it may do: append through the function and chain.
        try await AuditLog.append(AuditEvent(actor: "operator", action: "test.event", subjectType: "test", subjectID: "4"), on: connection)
        #expect(try await AuditLog.chainPending(on: connection) == 2)
        let verification = try await AuditLog.verify(on: admin)
        #expect(verification.isIntact)
        #expect(verification.rows == 4)
        #expect(verification.pending == 0)
    }

    @Test("the append records session_user and the server's clock, whatever the actor and time it claims")
    func recordsTheLogin() async throws {
        let database = try await TestDatabase.create()
        let login = try await AuditFixtures.login(database, member: "occ_intake")
        let connection = try await PostgresConnection.connect(login.conninfo)
        defer { Task { await connection.close() } }
        let claimedTime = Date(timeIntervalSince1970: 978_307_200)  // 2001-01-01
        let lie = AuditEvent(actor: "operator", action: "api_key.revoked", subjectType: "api_key", subjectID: "abcd",
                             traceID: "trace-1", occurredAt: claimedTime)
        let appended = try await AuditLog.append(lie, on: connection)
        // Service logins see only ids and chain positions; the row is read as the administrator.
        let admin = try await database.connect()
        defer { Task { await admin.close() } }
        let row = try #require(try await admin.query(PostgresQuery("test_audit_row", """
            SELECT login, actor, occurred_at, recorded_at, event, chain_seq FROM audit_log WHERE id = $1
            """).binding(appended.id)).single)
        #expect(try row.decode(String.self, "login") == login.name)
        #expect(try row.decode(String.self, "actor") == "operator", "the claim is kept, beside the login")
        #expect(try row.decode(Date.self, "occurred_at") == claimedTime)
        let recordedAt = try row.decode(Date.self, "recorded_at")
        // The server's clock, not the claim: within a day of now (the test cluster's own clock).
        #expect(abs(recordedAt.timeIntervalSinceNow) < 86_400)
        #expect(try row.decode(String.self, "event") == lie.canonicalText)
        #expect(try row.decode(Int64?.self, "chain_seq") == nil, "appends are chained later")
        #expect(try await AuditLog.chainPending(on: connection) == 1)
        #expect(try await AuditLog.verify(on: admin).isIntact)
    }

    @Test("SQL's audit_chain and Swift's verifier hash alike on any text: multibyte, newlines, separators, empty and absent trace ids")
    func awkwardText() async throws {
        let database = try await TestDatabase.create()
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        let events = [
            AuditEvent(actor: "partner:Zoë ✓", action: "referral.received", subjectType: "référral", subjectID: "1\n2", traceID: nil),
            AuditEvent(actor: "a:1:b", action: "x\nevent:3:abc", subjectType: "-", subjectID: "🦊", traceID: "", detail: ["k": "v\u{0}w"]),
            AuditEvent(actor: "operator", action: "test.event", subjectType: "test", subjectID: "3", traceID: "t-3",
                       occurredAt: Date(timeIntervalSince1970: 1_700_000_000.123456)),
        ]
        try await AuditLog.append(events, on: connection)
        #expect(try await AuditLog.chainPending(on: connection) == 3)
        let verification = try await AuditLog.verify(on: connection)
        #expect(verification.isIntact, "\(String(describing: verification.finding))")
        #expect(verification.rows == 3)
    }

    @Test("a chained row never changes again: the table's owner is refused too while the triggers stand")
    func chainedOnce() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 3)
        let owner = try await database.connect()
        defer { Task { await owner.close() } }
        for sql in [
            "UPDATE audit_log SET hash = repeat('3', 64) WHERE chain_seq = 2",
            "UPDATE audit_log SET chain_seq = NULL, prev_hash = NULL, hash = NULL WHERE chain_seq = 3",
            "UPDATE audit_log SET login = 'someone' WHERE chain_seq = 1",
            "DELETE FROM audit_log WHERE chain_seq = 3",
            "TRUNCATE audit_log",
            "INSERT INTO audit_log (actor, action, subject_type, subject_id, event, chain_seq, prev_hash, hash) VALUES ('a', 'b', 'c', 'd', '{}', 4, repeat('0', 64), repeat('1', 64))",
        ] {
            #expect(await Self.refusal { try await owner.execute(sql, name: "test_owner_write") } == .insufficientPrivilege, "\(sql)")
        }
        // A pending row may take its chain fields once, but nothing else with them.
        try await AuditFixtures.append(1, from: 4, on: owner)
        let state = await Self.refusal {
            try await owner.execute("""
                UPDATE audit_log SET chain_seq = 4, prev_hash = repeat('0', 64), hash = repeat('4', 64), actor = 'forged' WHERE chain_seq IS NULL
                """, name: "test_chain_and_alter")
        }
        #expect(state == .insufficientPrivilege)
    }

    @Test("a lower id that commits later is chained after the rows that committed before it")
    func commitOrder() async throws {
        let database = try await TestDatabase.create()
        let early = try await database.connect(), late = try await database.connect()
        defer { Task { await early.close(); await late.close() } }
        try await early.execute("BEGIN", name: "test_begin")
        let first = try await AuditLog.append(AuditEvent(actor: "operator", action: "test.slow", subjectType: "test", subjectID: "1"), on: early)
        let second = try await AuditLog.append(AuditEvent(actor: "operator", action: "test.fast", subjectType: "test", subjectID: "2"), on: late)
        #expect(first.id < second.id)
        #expect(try await AuditLog.chain(on: late) == 1)
        try await early.execute("COMMIT", name: "test_commit")
        #expect(try await AuditLog.chain(on: late) == 1)
        let seqs = try await late.query(PostgresQuery("test_audit_seqs", "SELECT id, chain_seq FROM audit_log ORDER BY chain_seq"))
            .map { (try $0.decode(Int64.self, "id"), try $0.decode(Int64.self, "chain_seq")) }
        #expect(seqs.map(\.0) == [second.id, first.id])
        #expect(seqs.map(\.1) == [1, 2])
        #expect(try await AuditLog.verify(on: late).isIntact)
    }

    @Test("audit_chain has one leader: while another holds the lock it chains nothing, then all")
    func oneLeader() async throws {
        let (database, _) = try await AuditFixtures.seeded(events: 1)
        let leader = try await database.connect(), other = try await database.connect()
        defer { Task { await leader.close(); await other.close() } }
        try await AuditFixtures.append(3, from: 2, on: other)
        try await leader.execute("BEGIN", name: "test_begin")
        try await leader.query(PostgresQuery("test_take_chain_lock", "SELECT pg_advisory_xact_lock($1)").binding(AuditChainer.lockKey))
        #expect(try await AuditLog.chain(on: other) == 0)
        #expect(try await AuditLog.pendingCount(on: other) == 3)
        try await leader.execute("COMMIT", name: "test_commit")
        #expect(try await AuditLog.chain(on: other) == 3)
        #expect(try await AuditLog.verify(on: other).rows == 4)
    }

    @Test("audit_append refuses arrays of different lengths (22023) and writes nothing")
    func mismatchedArrays() async throws {
        let database = try await TestDatabase.create()
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        let state = await Self.refusal {
            try await connection.execute("""
                SELECT audit_append(ARRAY[now(), now()], ARRAY['a', 'b'], ARRAY['x', 'y'], ARRAY['t', 't'], ARRAY['1', '2'], ARRAY[NULL::text], ARRAY['{}', '{}'])
                """, name: "test_mismatched_append")
        }
        #expect(state == SQLState("22023"))
        #expect(try await AuditLog.pendingCount(on: connection) == 0)
    }

    @Test("AuditChainer makes a last pass when shut down, so rows appended before then are chained")
    func chainerLastPass() async throws {
        let database = try await TestDatabase.create()
        let login = try await AuditFixtures.login(database, member: "occ_tasking")
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        try await AuditFixtures.append(3, from: 1, on: connection)
        // An hour between passes: only the first and the last pass can run during this test.
        let chainer = AuditChainer(conninfo: login.conninfo, applicationName: "test-chainer", logger: Logger(service: "test"), interval: .seconds(3600))
        let running = Task { try await chainer.run() }
        chainer.shutdown()
        try await running.value
        #expect(chainer.chainedRows == 3)
        #expect(try await AuditLog.verify(on: connection).rows == 3)
    }

    @Test("the intake executable chains in the background: what it and others appended is chained when it stops")
    func serviceProcessChains() async throws {
        let database = try await TestDatabase.create()
        let login = try await AuditFixtures.login(database, member: "occ_intake")
        let intake = try await ServiceProcess("intake", conninfo: login.conninfo)
        let connection = try await database.connect()
        defer { Task { await connection.close() } }
        try await AuditFixtures.append(4, from: 1, on: connection)
        #expect(await intake.stop() == 0)
        let verification = try await AuditLog.verify(on: connection)
        #expect(verification.pending == 0)
        #expect(verification.rows == 4)
        #expect(verification.isIntact)
    }
}
