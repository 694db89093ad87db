import Foundation
import Postgres
import Testing

extension DisclosureTests {
    @Test("approval screens the note again: a value the network gained since it was recorded is refused, the note stays held, and a refusal keeps it from everyone")
    func approvalScreensAgain() async throws {
        try await PipelineHarness.with { harness in
            let network = try await DisclosureNetwork.build(harness, aMarkings: DisclosureNetwork.amber)
            let author = try await harness.officer("REPORT_FRAUD", name: "Author Officer")
            let second = try await harness.officer("REPORT_FRAUD", name: "Second Officer")
            let tasking = try #require(try await harness.taskingID(agency: author.token, referral: network.aReferral))
            let note = "A second number, 07700 900777, was also blocked."
            let recorded = try await harness.recordOutcome(agency: author.token, tasking: tasking, Self.outcome(note: note))
            #expect(recorded.status == 201)
            let outcomeID = try #require(recorded.json["outcome_id"]?.intValue)

            let held = try await harness.call(harness.tasking.router, .get, "/v1/notes", token: second.token)
            #expect(held.status == 200)
            #expect(held.json["notes"]?.arrayValue?.map { $0["note"]?.stringValue } == [note])
            #expect(held.json["notes"]?.arrayValue?.first?["author"]?.stringValue == "officer:\(author.id)@REPORT_FRAUD")
            let ftc = try await harness.agencyToken("COLP_FTC")
            #expect(try await harness.call(harness.tasking.router, .get, "/v1/notes", token: ftc).json["notes"]?.arrayValue?.isEmpty == true)

            let delta = try await harness.partner("Delta Mobile", .telco)
            let referral = try await harness.submit(delta, DisclosureNetwork.referral("D-1", markings: DisclosureNetwork.amber, indicators: """
                {"kind": "phone", "value": "07700 900555"}, {"kind": "phone", "value": "07700 900777"}
                """))
            #expect(try await harness.waitUntilTasked(referral))
            let refused = try await harness.decideNote(agency: second.token, tasking: tasking, outcome: outcomeID, approve: true)
            #expect(refused.status == 422)
            #expect(refused.json["errors"]?.strings("message") == ["contains an indicator value of the network: \"07700 900777\""])
            #expect(try await harness.text("SELECT state FROM partner_notes WHERE outcome_id = $1", Int64(outcomeID)) == "held")
            let screened = "SELECT count(*) FROM audit_log WHERE action = 'partner_note.screen_refused' AND event LIKE $1"
            #expect(try await harness.count(screened, "%\"outcome_id\":\"\(outcomeID)\"%") == 1)

            #expect(try await harness.decideNote(agency: second.token, tasking: tasking, outcome: outcomeID, approve: false).status == 200)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'partner_note.refused'") == 1)
            #expect(try await harness.call(harness.tasking.router, .get, "/v1/notes", token: second.token).json["notes"]?.arrayValue?.isEmpty == true)
            for partner in [network.a, network.b, delta] {
                let items = try await harness.feedbackItems(partner).json["items"]?.arrayValue ?? []
                #expect(items.allSatisfy { $0["note"] == nil })
            }
            #expect(try await harness.count("SELECT count(*) FROM feedback_items WHERE item::text LIKE '%900777%'") == 0)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'feedback.pulled' AND actor = $1", "partner:\(network.a.id)") >= 1)
        }
    }
}
