import Domain
import Foundation
import Postgres
import ServiceKit
import Testing

@Suite("Feedback: sanitised, per partner, embargo-aware", .serialized)
struct FeedbackTests {
    @Test("an outcome reaches every linked partner, each seeing only its own referral; the note only once a second officer approves")
    func outcomeFeedback() async throws {
        try await PipelineHarness.with(server: .feeds) { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            let recorded = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)
            #expect(recorded.status == 201)
            #expect(recorded.json["tasking_status"]?.stringValue == "accepted")
            #expect(try await harness.text("SELECT status FROM referrals WHERE id = $1", scenario.bankReferral) == "actioned")

            // The note waits for a second officer; money goes to the actioned referral's partner
            // only (the seeded release policy withholds it from linked partners).
            for (partner, referral) in [(scenario.telco, scenario.telcoReferral), (scenario.bank, scenario.bankReferral)] {
                let page = try await harness.feedbackItems(partner)
                #expect(page.status == 200)
                let items = page.json["items"]?.arrayValue ?? []
                #expect(items.count == 1)
                let item = try #require(items.first)
                #expect(item["partner_id"]?.stringValue == String(partner.id))
                #expect(item["referral_id"]?.stringValue == referral.uuidString.lowercased())
                #expect(item["status"]?.stringValue == "outcome_recorded")
                #expect(item["outcome"]?.stringValue == "disrupted")
                #expect(item["note"] == nil)
                #expect(item["money_protected"]?["amount"]?.stringValue == (partner.id == scenario.bank.id ? "5000.00" : nil))
                #expect(Set(item["disruptions"]?.strings("indicator_key") ?? []) == [Fixtures.phoneKey, Fixtures.accountKey])
            }
            let second = try await harness.agencyToken("COLP_FTC")
            let outcomeID = try #require(recorded.json["outcome_id"]?.intValue)
            #expect(try await harness.decideNote(agency: second, tasking: tasking, outcome: outcomeID, approve: true).status == 200)
            for partner in [scenario.telco, scenario.bank] {
                let notes = try await harness.feedbackItems(partner).json["items"]?.arrayValue?.compactMap { $0["note"]?.stringValue }
                #expect(notes == ["Mule account frozen and the number blocked."])
            }
            for partner in [scenario.tech, scenario.cyber] {
                #expect(try await harness.feedbackItems(partner).json["items"]?.arrayValue?.isEmpty == true)
            }
            let audit = try await harness.pool.withConnection { try await AuditLog.verify(on: $0) }
            #expect(audit.isIntact)
        }
    }

    @Test("a partner's own indicator is echoed, another partner's is not")
    func otherPartnersIndicatorsAreNotEchoed() async throws {
        try await PipelineHarness.with(server: .feeds) { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            let outcome = #"{"kind": "disrupted", "disruptions": [{"kind": "freeze_account", "indicator_key": "iban:GB29NWBK60161331926819"}]}"#
            #expect(try await harness.recordOutcome(agency: ftc, tasking: tasking, outcome).status == 201)
            let telcoItem = try #require(try await harness.feedbackItems(scenario.telco).json["items"]?.arrayValue?.first)
            #expect(telcoItem["disruptions"]?.strings("kind") == ["freeze_account"])
            #expect(telcoItem["disruptions"]?.strings("indicator_key") == [])
            let bankItem = try #require(try await harness.feedbackItems(scenario.bank).json["items"]?.arrayValue?.first)
            #expect(bankItem["disruptions"]?.strings("indicator_key") == ["iban:GB29NWBK60161331926819"])
        }
    }

    @Test("under embargo partners hear only 'received and being actioned', and a delivery waits for the embargo to lift")
    func embargo() async throws {
        try await PipelineHarness.with(server: .feeds) { harness in
            let scenario = try await Scenario.run(harness)
            let ticat = try await harness.agencyToken("NCA_TICAT")
            let tasking = try #require(try await harness.taskingID(agency: ticat, referral: scenario.cyberReferral))
            let until = Timestamp.format(Date().addingTimeInterval(2 * 86_400))
            let outcome = """
                {"kind": "charged", "home_office_code": 1, "embargo_until": "\(until)", "partner_note": "Two suspects charged."}
                """
            #expect(try await harness.recordOutcome(agency: ticat, tasking: tasking, outcome).status == 201)
            let item = try #require(try await harness.feedbackItems(scenario.cyber).json["items"]?.arrayValue?.first)
            #expect(item["status"]?.stringValue == "being_actioned")
            #expect(item["message"]?.stringValue == Disclosure.beingActionedMessage)
            #expect(item["outcome"] == nil)
            #expect(item["note"] == nil)
            #expect(item["home_office_code"] == nil)
            let scheduled = """
                SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback' AND state = 'scheduled'
                AND abs(extract(epoch FROM run_at - $1::timestamptz)) < 1
                """
            #expect(try await harness.count(scheduled, until) == 1)
        }
    }

    @Test("when the embargo lifts the scheduled delivery tells the partner the outcome")
    func embargoLifts() async throws {
        try await PipelineHarness.with(server: .feeds) { harness in
            let scenario = try await Scenario.run(harness)
            let ticat = try await harness.agencyToken("NCA_TICAT")
            let tasking = try #require(try await harness.taskingID(agency: ticat, referral: scenario.cyberReferral))
            // A day-long embargo, lifted below by moving its end and the scheduled delivery into
            // the past: a short real embargo races the first delivery on a loaded machine (a
            // delivery that starts after the embargo ends rightly tells the outcome at once).
            let until = Timestamp.format(Date().addingTimeInterval(86_400))
            let outcome = #"{"kind": "charged", "home_office_code": 1, "embargo_until": "\#(until)"}"#
            #expect(try await harness.recordOutcome(agency: ticat, tasking: tasking, outcome).status == 201)
            let scheduled = "SELECT count(*) FROM occ_jobs WHERE kind = 'deliver_feedback' AND state = 'scheduled'"
            #expect(try await harness.eventually { try await harness.count(scheduled) == 1 })
            _ = try await harness.count("""
                WITH lifted AS (UPDATE outcomes SET embargo_until = now() - interval '1 second'
                                WHERE embargo_until IS NOT NULL RETURNING 1),
                     due AS (UPDATE occ_jobs SET run_at = now() WHERE kind = 'deliver_feedback' AND state = 'scheduled' RETURNING 1)
                SELECT (SELECT count(*) FROM lifted) + (SELECT count(*) FROM due)
                """)
            let lifted = try await harness.eventually {
                try await harness.count("SELECT count(*) FROM feedback_items WHERE status = 'outcome_recorded'") == 1
            }
            #expect(lifted)
            let statuses = try await harness.feedbackItems(scenario.cyber).json["items"]?.strings("status")
            #expect(statuses == ["being_actioned", "outcome_recorded"])
        }
    }

    @Test("pulling with the cursor returns only newer items; since is a starting point; bad paging is a 400 naming each parameter")
    func cursor() async throws {
        try await PipelineHarness.with(server: .feeds) { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.agencyToken("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome)
            let first = try await harness.feedbackItems(scenario.bank)
            #expect(first.json["items"]?.arrayValue?.count == 1)
            let cursor = try #require(first.json["next_cursor"]?.stringValue)
            let after = try await harness.feedbackItems(scenario.bank, query: "cursor=\(cursor)")
            #expect(after.json["items"]?.arrayValue?.isEmpty == true)
            #expect(after.json["next_cursor"]?.stringValue == cursor)
            let future = Timestamp.format(Date().addingTimeInterval(3_600)).replacingOccurrences(of: ":", with: "%3A")
            #expect(try await harness.feedbackItems(scenario.bank, query: "since=\(future)").json["items"]?.arrayValue?.isEmpty == true)
            #expect(try await harness.feedbackItems(scenario.bank, query: "since=2020-01-01T00:00:00%2B16:00").json["items"]?.arrayValue?.count == 1)
            // Another partner's cursor works for nobody else's data: it is a position, not a grant.
            #expect(try await harness.feedbackItems(scenario.telco, query: "cursor=\(cursor)").status == 200)
        }
    }

    @Test("every malformed cursor, since or limit is a 400 naming the parameter, never a 500")
    func badPaging() async throws {
        let cases: [(String, [String])] = [
            ("since=yesterday", ["since"]), ("since=2026-02-30T00:00:00Z", ["since"]), ("since=0000-01-01T00:00:00Z", ["since"]),
            ("since=2026-01-01T00:00:00%2B24:00", ["since"]), ("since=2026-06-30T23:59:60Z", ["since"]),
            ("since=0001-01-01T00:00:00%2B16:00", ["since"]), ("cursor=", ["cursor"]), ("cursor=not-a-cursor", ["cursor"]),
            // A referrals cursor (base64url of "referrals.0.0") is not a feedback cursor.
            ("cursor=cmVmZXJyYWxzLjAuMA", ["cursor"]), ("limit=0", ["limit"]), ("limit=1001", ["limit"]), ("limit=ten", ["limit"]),
            ("cursor=x&since=x&limit=x", ["cursor", "since", "limit"]),
        ]
        try await PipelineHarness.with(server: .feeds) { harness in
            let partner = try await harness.partner("Paging Bank", .finance)
            for (query, fields) in cases {
                let response = try await harness.feedbackItems(partner, query: query)
                #expect(response.status == 400, "\(query)")
                #expect(response.json["errors"]?.strings("field") == fields, "\(query)")
            }
        }
    }
}
