import Foundation
import Postgres
import TestSupport
import Testing

extension PursueTests {
    @Suite("RFIs and the SLA clock: the feedback login restarts it only through the last answer", .serialized)
    struct RFIClockStopTests {
        static let answer = PostgresQuery(
            "test_rfi_answer", "UPDATE partner_rfis SET status = 'answered', answer = 'x', answered_by = 'test', answered_at = now() WHERE id = $1")
        static let resume = PostgresQuery("test_rfi_resume", "SELECT count(*) FROM occ_rfi_answered_resume($1::bigint)")

        /// A tasking of COLP_FTC with two open RFIs to the bank (its clock stopped); the bank's and the telco's partner ids.
        static func twoRFIs(_ harness: PipelineHarness) async throws -> (tasking: String, rfis: [Int64], bank: Int64, other: Int64) {
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.officer("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
            var rfis: [Int64] = []
            for question in ["When?", "Where?"] {
                let asked = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/rfis", token: ftc.token, body: #"{"question": "\#(question)"}"#, purpose: "enquiry")
                rfis.append(Int64(try #require(asked.json["id"]?.intValue)))
            }
            #expect(try await harness.count("SELECT count(*) FROM taskings WHERE id = $1::uuid AND sla_paused_since IS NOT NULL", tasking) == 1)
            return (tasking, rfis, scenario.bank.id, scenario.telco.id)
        }

        @Test("the feedback login cannot restart a clock directly, nor by another partner's, an open or a not-last RFI")
        func leastPrivilege() async throws {
            try await PipelineHarness.with { harness in
                let (tasking, rfis, bank, telco) = try await Self.twoRFIs(harness)
                try await LoginSession.with(harness.database.conninfo(as: .feedback)) { session in
                    #expect(await session.failure("SELECT occ_tasking_sla_resume('\(tasking)'::uuid, now())") == .insufficientPrivilege)
                    try await session.set("occ.partner_id", String(bank))
                    // Still open: nothing restarts.
                    #expect(try await session.count("SELECT count(*) FROM occ_rfi_answered_resume(\(rfis[0]))") == 0)
                    #expect(try await session.affected("UPDATE partner_rfis SET status = 'answered', answer = 'x', answered_by = 't', answered_at = now() WHERE id = \(rfis[0])") == 1)
                    // Answered, but the other RFI on the tasking is still open.
                    #expect(try await session.count("SELECT count(*) FROM occ_rfi_answered_resume(\(rfis[0]))") == 0)
                    #expect(try await session.affected("UPDATE partner_rfis SET status = 'answered', answer = 'x', answered_by = 't', answered_at = now() WHERE id = \(rfis[1])") == 1)
                    // Another partner naming the last answered RFI: not its RFI.
                    try await session.set("occ.partner_id", String(telco))
                    #expect(try await session.count("SELECT count(*) FROM occ_rfi_answered_resume(\(rfis[1]))") == 0)
                    try await session.set("occ.partner_id", String(bank))
                    #expect(try await session.count("SELECT count(*) FROM occ_rfi_answered_resume(\(rfis[1]))") == 1)
                    // Once running, a repeat changes nothing.
                    #expect(try await session.count("SELECT count(*) FROM occ_rfi_answered_resume(\(rfis[1]))") == 0)
                }
                #expect(try await harness.count("SELECT count(*) FROM taskings WHERE id = $1::uuid AND sla_paused_since IS NULL AND sla_paused_total > interval '0'", tasking) == 1)
            }
        }

        @Test("two answers committing together: the second waits for the first's tasking lock, sees its answer and restarts the clock")
        func concurrentAnswers() async throws {
            try await PipelineHarness.with { harness in
                let (tasking, rfis, bank, _) = try await Self.twoRFIs(harness)
                let conninfo = harness.database.conninfo(as: .feedback)
                let first = try await PostgresConnection.connect(conninfo, applicationName: "rfi-first")
                let second = try await PostgresConnection.connect(conninfo, applicationName: "rfi-second")
                for connection in [first, second] {
                    try await connection.query(PostgresQuery("test_partner", "SELECT set_config('occ.partner_id', $1, false)", [String(bank)]))
                }
                let (checked, checkedSignal) = AsyncStream<Void>.makeStream()
                let (release, releaseSignal) = AsyncStream<Void>.makeStream()
                // The first answer checks (the other RFI is open: no restart) and holds the tasking's lock until released.
                let firstAnswer = Task {
                    try await first.transaction { connection in
                        try await connection.query(Self.answer.binding(rfis[0]))
                        let restarted = try await connection.query(Self.resume.binding(rfis[0])).single?.decode(Int.self, at: 0)
                        checkedSignal.yield()
                        for await _ in release { break }
                        return restarted
                    }
                }
                for await _ in checked { break }
                let secondAnswer = Task {
                    try await second.transaction { connection in
                        try await connection.query(Self.answer.binding(rfis[1]))
                        return try await connection.query(Self.resume.binding(rfis[1])).single?.decode(Int.self, at: 0)
                    }
                }
                #expect(try await harness.eventually {
                    try await harness.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'rfi-second' AND wait_event_type = 'Lock'") == 1
                })
                releaseSignal.yield()
                let firstRestarted = try await firstAnswer.value
                let secondRestarted = try await secondAnswer.value
                await first.close()
                await second.close()
                #expect(firstRestarted == 0 && secondRestarted == 1)
                #expect(try await harness.count("SELECT count(*) FROM taskings WHERE id = $1::uuid AND sla_paused_since IS NULL", tasking) == 1)
            }
        }
    }
}
