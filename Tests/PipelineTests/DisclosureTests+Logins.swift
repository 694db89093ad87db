import Foundation
import Postgres
import Schema
import Testing

extension DisclosureTests {
    @Test("an agency-bound login sees, decides and screens only its own agency's notes, whatever it sets; its author can never approve")
    func agencyLoginsAndNotes() async throws {
        try await PipelineHarness.with { harness in
            let network = try await DisclosureNetwork.build(harness, aMarkings: DisclosureNetwork.redWithConditions)
            let author = try await harness.officer("REPORT_FRAUD", name: "Author Officer")
            let tasking = try #require(try await harness.taskingID(agency: author.token, referral: network.aReferral))
            let recorded = try await harness.recordOutcome(agency: author.token, tasking: tasking, Self.outcome(note: Self.note))
            let outcomeID = try #require(recorded.json["outcome_id"]?.intValue)

            let ftc = try await harness.database.login(.taskingAPI, boundTo: .agency(code: "COLP_FTC"))
            try await LoginSession.with(ftc) { session async throws in
                try await session.set("occ.agency_code", "REPORT_FRAUD")
                #expect(try await session.count("SELECT count(*) FROM partner_notes") == 0)
                #expect(try await session.affected("UPDATE partner_notes SET state = 'refused', decided_by_officer = 1, decided_at = now()") == 0)
                #expect(try await session.count("SELECT count(*) FROM occ_note_screen_terms('\(tasking)')") == 0)
                #expect(await session.failure("SELECT * FROM disclosure_policy") == .insufficientPrivilege)
                #expect(await session.failure("SELECT * FROM operation_names") == .insufficientPrivilege)
            }
            let reportFraud = try await harness.database.login(.taskingAPI, boundTo: .agency(code: "REPORT_FRAUD"))
            try await LoginSession.with(reportFraud) { session async throws in
                #expect(try await session.count("SELECT count(*) FROM partner_notes") == 1)
                // Every indicator of the network (A's phone; B's phone and account; C's account).
                #expect(try await session.count("SELECT count(*) FROM occ_note_screen_terms('\(tasking)') WHERE category = 'indicator'") == 4)
                #expect(await session.failure(
                    "UPDATE partner_notes SET state = 'approved', decided_by_officer = \(author.id), decided_at = now() WHERE outcome_id = \(outcomeID)")
                    == .checkViolation)
                #expect(await session.failure("DELETE FROM partner_notes") == .insufficientPrivilege)
            }
            #expect(try await harness.text("SELECT state FROM partner_notes WHERE outcome_id = $1", Int64(outcomeID)) == "held")
        }
    }
}
