import Foundation
import Postgres
import Schema
import TestSupport
import Testing

/// Defence in depth for the exchange's own multi-tenant logins: the tasking and feedback logins
/// cannot read other agencies' taskings or other partners' feedback beyond the organisation the
/// transaction is scoped to, whatever a handler's query says.
@Suite("Schema: row-level security for the pipeline's exchange logins", .serialized)
struct RowLevelSecurityTests {
    @Test("the tasking login sees only the agency in occ.agency_code; the feedback login only the partner in occ.partner_id")
    func isolation() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)

            let visibleTaskings = try await Self.scoped(.tasking, "occ.agency_code", "NCA_TICAT", harness) {
                try await $0.query(PostgresQuery("test_rls_taskings", "SELECT agency_code FROM taskings"))
                    .map { try $0.decode(String.self, "agency_code") }
            }
            #expect(visibleTaskings == ["NCA_TICAT"])
            let unscoped = try await Self.scoped(.tasking, "occ.agency_code", "", harness) {
                try await $0.query(PostgresQuery("test_rls_taskings_unscoped", "SELECT count(*) FROM taskings")).single?.decode(Int.self, at: 0)
            }
            #expect(unscoped == 0)
            let visibleFeedback = try await Self.scoped(.feedback, "occ.partner_id", String(scenario.telco.id), harness) {
                try await $0.query(PostgresQuery("test_rls_feedback", "SELECT partner_id FROM feedback_items"))
                    .map { try $0.decode(Int64.self, "partner_id") }
            }
            #expect(visibleFeedback == [scenario.telco.id])
        }
    }

    /// Runs `body` in a transaction as `service`'s exchange login with one scope setting.
    private static func scoped<T: Sendable>(
        _ service: ServiceLogin, _ setting: String, _ value: String, _ harness: PipelineHarness,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await PostgresConnection.connect(harness.database.conninfo(as: service))
        do {
            let result = try await connection.transaction { connection in
                try await connection.query(PostgresQuery("test_set_config", "SELECT set_config($1, $2, true)", [setting, value]))
                return try await body(connection)
            }
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }
}
