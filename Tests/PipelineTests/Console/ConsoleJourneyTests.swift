import Foundation
import HTTP
import Testing

@Suite("Console: a referral's journey, for officers, audited with their purpose", .serialized)
struct ConsoleJourneyTests {
    @Test("an officer sees the timeline once the view is audited with their purpose; oversight and partners cannot reach it")
    func journey() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)
            let officer = try await harness.officer("NCA_TICAT")
            var browser = ConsoleBrowser(harness.feedback.router)
            try await browser.signedIn(officer.token)
            let form = await browser.get("/console/journeys")
            #expect(form.status == 200)
            let referral = scenario.bankReferral.uuidString.lowercased()

            // Without the form's token, with a bad purpose, or for an unknown referral: nothing read or audited.
            #expect(await browser.post("/console/journeys", [("referral", referral), ("purpose", "Op NIGHTJAR")]).status == 403)
            #expect(await browser.post("/console/journeys", [("csrf", form.csrf ?? ""), ("referral", referral), ("purpose", "x")]).status == 400)
            #expect(await browser.post("/console/journeys", [("csrf", form.csrf ?? ""), ("referral", "OCC-1"), ("purpose", "Op NIGHTJAR")]).status == 400)
            #expect(await browser.post("/console/journeys", [("csrf", form.csrf ?? ""), ("referral", UUID().uuidString), ("purpose", "Op NIGHTJAR")]).status == 404)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'console.journey_viewed'") == 0)

            let shown = await browser.post("/console/journeys", [("csrf", form.csrf ?? ""), ("referral", referral), ("purpose", "Op NIGHTJAR 2026/114")])
            #expect(shown.status == 200)
            for event in ["received", "tasked", "outcome recorded"] { #expect(shown.html.contains("<td>\(event)</td>"), "\(event)") }
            #expect(shown.html.contains("COLP_FTC"))
            let audited = try #require(try await harness.text(
                "SELECT event FROM audit_log WHERE action = 'console.journey_viewed' AND subject_id = $1", referral))
            #expect(audited.contains("\"officer\":\(officer.id)") && audited.contains("\"purpose\":\"Op NIGHTJAR 2026/114\""))

            var oversight = ConsoleBrowser(harness.feedback.router)
            try await oversight.signedIn(try await harness.oversightToken())
            #expect(await oversight.get("/console/journeys").status == 403)
            let refused = await oversight.post("/console/journeys", [("csrf", String(repeating: "0", count: 64)), ("referral", referral), ("purpose", "curious")])
            #expect(refused.status == 403 && !refused.html.contains("COLP_FTC"))
            #expect(!(await oversight.get("/console/overview").html.contains("/console/journeys")))
            var partner = ConsoleBrowser(harness.feedback.router)
            try await partner.signedIn(scenario.bank.token)
            #expect(await partner.get("/console/journeys").status == 403)
            #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'console.journey_viewed'") == 1)
        }
    }
}
