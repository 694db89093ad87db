import Foundation
import Postgres
import Schema
import Testing
import TestSupport

/// Migration 12: feed positions for rows that existed before it, and for every row after.
@Suite("Migrations: feed cursors")
struct FeedCursorsMigrationTests {
    @Test("existing referrals keep their old polling order ahead of new ones; a writer cannot choose a position")
    func backfillKeepsOrder() async throws {
        let database = try await TestDatabase.create(template: .empty)
        let connection = try await database.connect()
        try await Migrator(migrations: Migrations.all.filter { $0.version < 12 }).migrate(connection)
        try await connection.execute("INSERT INTO partners (name, sector) VALUES ('Feed Telecom', 'telco')", name: "test_partner")
        // Inserted newest first, so physical order is the reverse of the polling order.
        for (reference, received) in [("OLD-3", "2026-03-03T00:00:00Z"), ("OLD-1", "2026-03-01T00:00:00Z"), ("OLD-2", "2026-03-02T00:00:00Z")] {
            try await connection.query(Self.insert.binding(UUID(), reference, received))
        }
        try await Migrator().migrate(connection)
        // A position given by the writer is overwritten by the trigger.
        try await connection.query(PostgresQuery("test_forged_position", """
            INSERT INTO referrals (id, partner_id, partner_reference, fingerprint, crime_type, overseas, gateway, tlp, source_eval,
                                   intel_assessment, handling_code, channel, trace_id, canonical, raw, feed_xid, feed_seq)
            SELECT $1, id, 'NEW-1', repeat('a', 64), 'fraud.other', false, 'cca_2013_s7', 'AMBER', 2, 'B', 'P', 'json', 't', '{}', '{}',
                   '1'::xid8, 0
            FROM partners
            """, [UUID()]))
        let order = try await connection.query(PostgresQuery(
            "test_feed_order", "SELECT partner_reference FROM referrals ORDER BY feed_xid, feed_seq")).map { try $0.decode(String.self, at: 0) }
        #expect(order == ["OLD-1", "OLD-2", "OLD-3", "NEW-1"])
        let forged = try await connection.query(PostgresQuery(
            "test_forged", "SELECT feed_xid::text = '1' OR feed_seq = 0 AS forged FROM referrals WHERE partner_reference = 'NEW-1'")).single
        #expect(try forged?.decode(Bool.self, "forged") == false)
        await connection.close()
    }

    static let insert = PostgresQuery("test_old_referral", """
        INSERT INTO referrals (id, partner_id, partner_reference, fingerprint, crime_type, overseas, gateway, tlp, source_eval,
                               intel_assessment, handling_code, channel, trace_id, canonical, raw, received_at)
        SELECT $1, id, $2, repeat('a', 64), 'fraud.other', false, 'cca_2013_s7', 'AMBER', 2, 'B', 'P', 'json', 't', '{}', '{}', $3::timestamptz
        FROM partners
        """)
}
