import Domain
import Foundation
import Testing

extension PursueTests {
    @Suite("Tasking: many outcomes over time, closed only by a decision", .serialized)
    struct OutcomeLifecycleTests {
        @Test("after disrupted the same tasking records charged with its code; closing is an audited decision, then outcomes are 409")
        func disruptedThenChargedThenClosed() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ftc = try await harness.officer("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
                let disrupted = try await harness.recordOutcome(agency: ftc.token, tasking: tasking, PipelineHarness.disruptedOutcome)
                #expect(disrupted.status == 201 && disrupted.json["tasking_status"]?.stringValue == "accepted")
                let charged = try await harness.recordOutcome(agency: ftc.token, tasking: tasking, #"{"kind": "charged", "home_office_code": 1}"#)
                #expect(charged.status == 201)
                #expect(charged.json["outcome"]?["home_office_code"]?.intValue == 1)
                #expect(try await harness.count("SELECT count(*) FROM outcomes WHERE tasking_id = $1::uuid", tasking) == 2)
                #expect(try await harness.text("SELECT status FROM taskings WHERE id = $1::uuid", tasking) == "accepted")
                // The bank, whose referral was actioned, hears of the charge as well as the disruption.
                let outcomes = Set(try await harness.feedbackItems(scenario.bank).json["items"]?.strings("outcome") ?? [])
                #expect(outcomes == ["disrupted", "charged"])

                let path = "/v1/taskings/\(tasking)/close"
                let unstated = try await harness.call(harness.tasking.router, .post, path, token: ftc.token, body: #"{"reason": "done"}"#)
                #expect(unstated.status == 400 && unstated.json["errors"]?.strings("field") == ["X-Purpose"])
                let reasonless = try await harness.call(harness.tasking.router, .post, path, token: ftc.token, body: "{}", purpose: "closing the case")
                #expect(reasonless.status == 422 && reasonless.json["errors"]?.strings("field") == ["reason"])
                #expect(try await harness.text("SELECT status FROM taskings WHERE id = $1::uuid", tasking) == "accepted")
                let other = try await harness.officer("REPORT_FRAUD")
                let foreign = try await harness.call(harness.tasking.router, .post, path, token: other.token, body: #"{"reason": "x"}"#, purpose: "closing")
                #expect(foreign.status == 404)

                let closed = try await harness.call(
                    harness.tasking.router, .post, path, token: ftc.token, body: #"{"reason": "Suspect charged; CPS has the file."}"#,
                    purpose: "closing the case after charge")
                #expect(closed.status == 200)
                #expect(closed.json["status"]?.stringValue == "closed")
                #expect(closed.json["closed_reason"]?.stringValue == "Suspect charged; CPS has the file.")
                #expect(try await harness.text("SELECT closed_by FROM taskings WHERE id = $1::uuid", tasking) == "officer:\(ftc.id)@COLP_FTC")
                let audited = """
                    SELECT count(*) FROM audit_log WHERE action = 'tasking.closed' AND subject_id = $1 AND actor = $2
                      AND event LIKE '%closing the case after charge%' AND event NOT LIKE '%CPS has the file%'
                    """
                #expect(try await harness.count(audited, tasking, "officer:\(ftc.id)@COLP_FTC") == 1)

                let late = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/outcome", token: ftc.token,
                    body: #"{"kind": "charged", "home_office_code": 1}"#, purpose: "late outcome")
                #expect(late.status == 409)
                let twice = try await harness.call(harness.tasking.router, .post, path, token: ftc.token, body: #"{"reason": "again"}"#, purpose: "closing")
                #expect(twice.status == 409)
                #expect(try await harness.count("SELECT count(*) FROM outcomes WHERE tasking_id = $1::uuid", tasking) == 2)
            }
        }

        @Test("declined needs a rationale (422 naming it); the rationale reaches the referring partner only, screened like a note")
        func declinedRationale() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let reportFraud = try await harness.officer("REPORT_FRAUD")
                let tasking = try #require(try await harness.taskingID(agency: reportFraud.token, referral: scenario.bankReferral))
                let path = "/v1/taskings/\(tasking)/outcome"
                let bare = try await harness.call(harness.tasking.router, .post, path, token: reportFraud.token, body: #"{"kind": "declined"}"#, purpose: "triage")
                #expect(bare.status == 422 && bare.json["errors"]?.strings("field") == ["rationale"])
                let leaky = try await harness.call(
                    harness.tasking.router, .post, path, token: reportFraud.token,
                    body: #"{"kind": "declined", "rationale": "The number 07700 900123 is already blocked."}"#, purpose: "triage")
                #expect(leaky.status == 422 && leaky.json["errors"]?.strings("field") == ["rationale"])
                #expect(try await harness.count("SELECT count(*) FROM outcomes WHERE tasking_id = $1::uuid", tasking) == 0)

                let rationale = "The loss is below the threshold for a police investigation; the report is recorded for intelligence."
                let declined = try await harness.recordOutcome(
                    agency: reportFraud.token, tasking: tasking, #"{"kind": "declined", "home_office_code": 21, "rationale": "\#(rationale)"}"#)
                #expect(declined.status == 201)
                let bankItems = try await harness.feedbackItems(scenario.bank).json["items"]?.arrayValue ?? []
                #expect(bankItems.contains { $0["outcome"]?.stringValue == "declined" && $0["rationale"]?.stringValue == rationale })
                let telcoItems = try await harness.feedbackItems(scenario.telco).json["items"]?.arrayValue ?? []
                #expect(telcoItems.contains { $0["outcome"]?.stringValue == "declined" })
                #expect(telcoItems.allSatisfy { $0["rationale"] == nil })
                let withheld = "SELECT count(*) FROM audit_log WHERE action = 'disclosure.decided' AND event LIKE '%rationale_for_referrer_only%'"
                #expect(try await harness.count(withheld) >= 1)
            }
        }

        @Test("an outcome retried under the same Idempotency-Key is recorded once (409 naming it)")
        func idempotentOutcome() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ticat = try await harness.officer("NCA_TICAT")
                let tasking = try #require(try await harness.taskingID(agency: ticat.token, referral: scenario.cyberReferral))
                let body = #"{"kind": "under_investigation"}"#
                let send = { (key: String) in
                    try await harness.call(
                        harness.tasking.router, .post, "/v1/taskings/\(tasking)/outcome", token: ticat.token, body: body, purpose: "triage",
                        headers: ["Idempotency-Key": key])
                }
                let first = try await send("attempt-1")
                #expect(first.status == 201)
                let retry = try await send("attempt-1")
                #expect(retry.status == 409)
                #expect(retry.json["detail"]?.stringValue?.contains("outcome \(first.json["outcome_id"]?.intValue ?? -1) ") == true)
                #expect(try await send("attempt-2").status == 201)
                #expect(try await send("").status == 400)
                #expect(try await harness.count("SELECT count(*) FROM outcomes WHERE tasking_id = $1::uuid", tasking) == 2)
            }
        }
    }
}
