import Foundation
import Postgres
import Testing

/// Defence in depth: the service roles themselves cannot read other agencies' taskings or other
/// partners' feedback, whatever a handler's query says.
@Suite("Schema: row-level security for the pipeline roles", .serialized)
struct RowLevelSecurityTests {
    @Test("occ_tasking sees only the agency in occ.agency_code; occ_feedback only the partner in occ.partner_id")
    func isolation() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)

            let visibleTaskings = try await Self.asRole("occ_tasking", setting: "occ.agency_code", "NCA_TICAT", harness) {
                try await $0.query(PostgresQuery("test_rls_taskings", "SELECT agency_code FROM taskings"))
                    .map { try $0.decode(String.self, "agency_code") }
            }
            #expect(visibleTaskings == ["NCA_TICAT"])
            let unscoped = try await Self.asRole("occ_tasking", setting: "occ.agency_code", "", harness) {
                try await $0.query(PostgresQuery("test_rls_taskings_unscoped", "SELECT count(*) FROM taskings")).single?.decode(Int.self, at: 0)
            }
            #expect(unscoped == 0)
            let visibleFeedback = try await Self.asRole("occ_feedback", setting: "occ.partner_id", String(scenario.telco.id), harness) {
                try await $0.query(PostgresQuery("test_rls_feedback", "SELECT partner_id FROM feedback_items"))
                    .map { try $0.decode(Int64.self, "partner_id") }
            }
            #expect(visibleFeedback == [scenario.telco.id])
        }
    }

    /// Runs `body` in a transaction under `role` with one RLS setting.
    private static func asRole<T: Sendable>(
        _ role: String, setting: String, _ value: String, _ harness: PipelineHarness, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await harness.pool.transaction { connection in
            // Role names are constants of this file, not input; SET ROLE cannot take a parameter.
            try await connection.execute("SET LOCAL ROLE \(role)", name: "test_set_role")
            try await connection.query(PostgresQuery("test_set_config", "SELECT set_config($1, $2, true)", [setting, value]))
            return try await body(connection)
        }
    }
}
