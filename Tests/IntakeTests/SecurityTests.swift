import Foundation
import HTTP
import Postgres
import Schema
import ServiceKit
import TestSupport
import Testing

@Suite("row-level security and the audit chain")
struct SecurityTests {
    @Test("as the exchange's intake login, a transaction scoped to one partner sees only that partner's rows, and unscoped sees none")
    func rowLevelSecurity() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let (other, otherKey) = try await harness.otherPartner()
            _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: ReferralFixtures.bytes(ReferralFixtures.valid()))
            _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(otherKey), body: ReferralFixtures.bytes(ReferralFixtures.valid()))
            let connection = try await PostgresConnection.connect(harness.database.conninfo(as: .intake))
            defer { Task { await connection.close() } }
            let visible = PostgresQuery("test_visible", """
                SELECT (SELECT count(*) FROM referrals) AS referrals, (SELECT count(*) FROM referrals WHERE partner_id <> $1) AS foreign
                """)
            for partner in [harness.partner.id, other.id] {
                let row = try await connection.transaction { connection in
                    try await connection.scopeToPartner(partner)
                    return try await connection.query(visible.binding(partner)).single
                }
                #expect(try row?.decode(Int.self, "referrals") == 1)
                #expect(try row?.decode(Int.self, "foreign") == 0)
            }
            let unscoped = try await connection.query(visible.binding(harness.partner.id)).single
            #expect(try unscoped?.decode(Int.self, "referrals") == 0)
            // Writing a row for another partner is refused by the policy's WITH CHECK.
            let refusal = await #expect(throws: PostgresError.self) {
                try await connection.transaction { connection in
                    try await connection.scopeToPartner(harness.partner.id)
                    try await connection.query(PostgresQuery("test_foreign_insert", """
                        INSERT INTO referral_indicators (referral_id, position, partner_id, kind, value, canonical_value, correlation_key)
                        SELECT id, 99, $1, 'phone', 'x', 'x', 'x' FROM referrals
                        """, [other.id]))
                }
            }
            #expect(refusal?.serverMessage?.contains("row-level security") == true)
        }
    }

    @Test("the audit chain verifies, refuses updates, and reports a tampered row")
    func auditChain() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            for _ in 0..<3 {
                _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: ReferralFixtures.bytes(ReferralFixtures.valid()))
            }
            let connection = try await harness.database.connect()
            defer { Task { await connection.close() } }
            try await AuditLog.chainPending(on: connection)
            let intact = try await AuditLog.verify(on: connection, pageSize: 2)
            // partner added + its default agreement + key issued + three referrals.
            #expect(intact.rows == 6)
            #expect(intact.isIntact)
            await #expect(throws: PostgresError.self) {
                try await connection.execute("UPDATE audit_log SET actor = 'someone else'", name: "test_update_audit")
            }
            try await connection.execute("""
                ALTER TABLE audit_log DISABLE TRIGGER USER;
                UPDATE audit_log SET event = replace(event, 'referral.received', 'referral.deleted') WHERE chain_seq = 4;
                """, name: "test_tamper")
            let broken = try await AuditLog.verify(on: connection)
            guard case .broken(let seq, _, _) = broken.finding else {
                Issue.record("expected a broken chain, got \(String(describing: broken.finding))")
                return
            }
            #expect(seq == 4)
        }
    }
}
