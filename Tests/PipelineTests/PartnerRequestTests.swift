import Domain
import Foundation
import Postgres
import Queue
import Schema
import ServiceKit
import TestSupport
import Testing

extension PursueTests {
    @Suite("Requests to partners: disruption requests and RFIs", .serialized)
    struct PartnerRequestTests {
        static func deadline(_ seconds: TimeInterval) -> String { Timestamp.format(Date().addingTimeInterval(seconds)) }

        static func blockNumber(deadline: String = deadline(86_400)) -> String {
            """
            {"kind": "block_number", "indicator_key": "\(Fixtures.phoneKey)", "gateway": "dpa_2018_sch2_para2",
             "deadline": "\(deadline)", "note": "Scam calls impersonating a bank."}
            """
        }

        @Test("a request goes to the partner holding the number; it acknowledges and completes it once; others get 404 or 409")
        func raiseAndAct() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let otherTelco = try await harness.partner("Telco Two", .telco)
                let ftc = try await harness.officer("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
                let path = "/v1/taskings/\(tasking)/requests"
                let tasks = harness.tasking.router, feeds = harness.feedback.router

                let wrongKind = try await harness.call(tasks, .post, path, token: ftc.token, body: """
                    {"kind": "freeze_account", "indicator_key": "\(Fixtures.phoneKey)", "gateway": "dpa_2018_sch2_para2", "deadline": "2020-01-01T00:00:00Z"}
                    """, purpose: "disruption")
                #expect(wrongKind.status == 422 && wrongKind.json["errors"]?.strings("field") == ["kind", "deadline"])
                let foreign = try await harness.call(tasks, .post, path, token: try await harness.agencyToken("NCA_TICAT"), body: Self.blockNumber(), purpose: "checking access")
                #expect(foreign.status == 404)
                let partnerKey = try await harness.call(tasks, .post, path, token: scenario.telco.token, body: Self.blockNumber(), purpose: "checking access")
                #expect(partnerKey.status == 403)
                #expect(try await harness.count("SELECT count(*) FROM partner_requests") == 0)

                let naming = Self.blockNumber().replacingOccurrences(of: "Scam calls impersonating a bank.", with: "Reported by High Street Bank.")
                let screened = try await harness.call(tasks, .post, path, token: ftc.token, body: naming, purpose: "disrupting the number")
                #expect(screened.status == 422 && screened.json["errors"]?.strings("field") == ["note"])
                let raised = try await harness.call(tasks, .post, path, token: ftc.token, body: Self.blockNumber(), purpose: "disrupting the number")
                #expect(raised.status == 201)
                let id = try #require(raised.json["id"]?.intValue)
                // Telco One referred the number itself: it holds it, so the request is its alone.
                #expect(raised.json["addressees"]?.arrayValue?.compactMap(\.stringValue) == [String(scenario.telco.id)])
                #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'request.raised' AND subject_id = $1", String(id)) == 1)

                let inbox = try await harness.call(feeds, .get, "/v1/requests", token: scenario.telco.token)
                #expect(inbox.status == 200 && inbox.json["items"]?.arrayValue?.count == 1)
                #expect(inbox.json["items"]?.arrayValue?.first?["indicator"]?["value"]?.stringValue == "+447700900123")
                #expect(!inbox.text.contains("addressees") && !inbox.text.contains(scenario.bankReferral.uuidString.lowercased()))
                for partner in [otherTelco, scenario.bank, scenario.tech] {
                    #expect(try await harness.call(feeds, .get, "/v1/requests", token: partner.token).json["items"]?.arrayValue?.isEmpty == true)
                    #expect(try await harness.call(feeds, .post, "/v1/requests/\(id)/acknowledge", token: partner.token).status == 404)
                }
                #expect(try await harness.call(feeds, .get, "/v1/requests", token: ftc.token).status == 403)

                let acknowledge = "/v1/requests/\(id)/acknowledge"
                #expect(try await harness.call(feeds, .post, acknowledge, token: scenario.telco.token).json["status"]?.stringValue == "acknowledged")
                #expect(try await harness.call(feeds, .post, acknowledge, token: scenario.telco.token).status == 200)
                #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'request.acknowledged'") == 1)

                let complete = "/v1/requests/\(id)/complete"
                let bad = try await harness.call(feeds, .post, complete, token: scenario.telco.token, body: #"{"completed_at": "soon"}"#)
                #expect(bad.status == 422 && bad.json["errors"]?.strings("field") == ["completed_at"])
                let evidence = #"{"completed_at": "\#(Timestamp.format(Date()))", "reference": "BLK-77"}"#
                let done = try await harness.call(feeds, .post, complete, token: scenario.telco.token, body: evidence)
                #expect(done.status == 200 && done.json["status"]?.stringValue == "completed")
                #expect(done.json["completion"]?["reference"]?.stringValue == "BLK-77")
                #expect(try await harness.call(feeds, .post, complete, token: scenario.telco.token, body: evidence).status == 200)
                #expect(try await harness.call(feeds, .post, "/v1/requests/\(id)/decline", token: scenario.telco.token, body: #"{"reason": "no"}"#).status == 409)
                #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'request.completed'") == 1)

                // A second request: the inbox pages by id with an opaque cursor.
                #expect(try await harness.call(tasks, .post, path, token: ftc.token, body: Self.blockNumber(), purpose: "again").status == 201)
                let first = try await harness.call(feeds, .get, "/v1/requests?limit=1", token: scenario.telco.token)
                let cursor = try #require(first.json["next_cursor"]?.stringValue)
                let second = try await harness.call(feeds, .get, "/v1/requests?limit=1&cursor=\(cursor)", token: scenario.telco.token)
                #expect(first.json["items"]?.arrayValue?.first?["id"]?.intValue == id)
                #expect(second.json["items"]?.arrayValue?.first?["id"]?.intValue == id + 1 && second.json["next_cursor"] == .null)
                #expect(try await harness.call(feeds, .get, "/v1/requests?status=open", token: scenario.telco.token).status == 400)

                let view = try await harness.call(tasks, .get, path, token: ftc.token, purpose: "checking progress")
                let stored = view.json["requests"]?.arrayValue?.first
                #expect(stored?["status"]?.stringValue == "completed")
                #expect(stored?["acted_by_partner"]?.stringValue == String(scenario.telco.id))
                #expect(stored?["completion"]?["reference"]?.stringValue == "BLK-77")
                let report = try await harness.call(feeds, .get, "/v1/reports/benefits", token: try await harness.oversightToken())
                let telcoLine = report.json["requests"]?["by_sector"]?.arrayValue?.first { $0["key"]?.stringValue == "telco" }
                #expect(telcoLine?["raised"]?.intValue == 2 && telcoLine?["completed"]?.intValue == 1)
                #expect(report.json["requests"]?["total"]?["completed"]?.intValue == 1)
            }
        }

        @Test("an RFI goes to the referrer only, is answered once, both sides audited")
        func rfi() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ftc = try await harness.officer("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
                let feeds = harness.feedback.router
                let missing = try await harness.call(harness.tasking.router, .post, "/v1/taskings/\(tasking)/rfis", token: ftc.token, body: "{}", purpose: "checking access")
                #expect(missing.status == 422 && missing.json["errors"]?.strings("field") == ["question"])
                let asked = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/rfis", token: ftc.token,
                    body: #"{"question": "When did the first payment leave the victim's account?"}"#, purpose: "enquiry")
                #expect(asked.status == 201 && asked.json["partner_id"]?.stringValue == String(scenario.bank.id))
                let id = try #require(asked.json["id"]?.intValue)
                #expect(try await harness.call(feeds, .get, "/v1/rfis", token: scenario.telco.token).json["items"]?.arrayValue?.isEmpty == true)
                let inbox = try await harness.call(feeds, .get, "/v1/rfis?status=open", token: scenario.bank.token)
                #expect(inbox.json["items"]?.arrayValue?.count == 1 && !inbox.text.contains("asked_by"))
                let answer = "/v1/rfis/\(id)/answer"
                #expect(try await harness.call(feeds, .post, answer, token: scenario.telco.token, body: #"{"answer": "x"}"#).status == 404)
                let answered = try await harness.call(feeds, .post, answer, token: scenario.bank.token, body: #"{"answer": "On 3 March at 14:02."}"#)
                #expect(answered.status == 200 && answered.json["status"]?.stringValue == "answered")
                #expect(try await harness.call(feeds, .post, answer, token: scenario.bank.token, body: #"{"answer": "On 3 March at 14:02."}"#).status == 200)
                #expect(try await harness.call(feeds, .post, answer, token: scenario.bank.token, body: #"{"answer": "Different."}"#).status == 409)
                for action in ["rfi.asked", "rfi.answered"] {
                    #expect(try await harness.count("SELECT count(*) FROM audit_log WHERE action = $1 AND subject_id = $2", action, String(id)) == 1)
                }
            }
        }

        @Test("a request and an RFI open past their deadline are chased once: on the overdue list and audited a single time")
        func overdue() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ftc = try await harness.officer("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
                let raised = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/requests", token: ftc.token, body: Self.blockNumber(), purpose: "disruption")
                let id = try #require(raised.json["id"]?.intValue)
                let asked = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/rfis", token: ftc.token, body: #"{"question": "When?"}"#, purpose: "enquiry")
                let rfi = try #require(asked.json["id"]?.intValue)
                // Their deadlines pass (as the schema owner: the API refuses a past deadline).
                _ = try await harness.count(
                    "WITH u AS (UPDATE partner_requests SET raised_at = now() - interval '2 hours', deadline = now() - interval '1 hour' RETURNING 1) SELECT count(*) FROM u")
                _ = try await harness.count(
                    "WITH u AS (UPDATE partner_rfis SET asked_at = now() - interval '2 hours', deadline = now() - interval '1 hour' RETURNING 1) SELECT count(*) FROM u")
                let listed = try await harness.call(harness.tasking.router, .get, "/v1/overdue", token: ftc.token)
                #expect(listed.status == 200 && listed.json["requests"]?.arrayValue?.first?["id"]?.intValue == id)
                #expect(listed.json["rfis"]?.arrayValue?.first?["id"]?.intValue == rfi && listed.json["next_cursor"] == .null)
                #expect(try await harness.call(harness.tasking.router, .get, "/v1/overdue", token: try await harness.agencyToken("NCA_TICAT"))
                    .json["requests"]?.arrayValue?.isEmpty == true)
                #expect(try await harness.call(harness.tasking.router, .get, "/v1/overdue?limit=0", token: ftc.token).status == 400)
                let chased = """
                    SELECT count(*) FROM audit_log WHERE (action = 'request.overdue' AND subject_id = $1) OR (action = 'rfi.overdue' AND subject_id = $2)
                    """
                let chase = {
                    _ = try await harness.pool.withConnection { try await JobQueue(pool: harness.pool).enqueueMany([try ChaseOverdueRequests.insert()], on: $0) }
                }
                // A run already under way when the deadlines moved may have missed them: ask again until one has run since.
                #expect(try await harness.eventually {
                    try await chase()
                    return try await harness.count(chased, String(id), String(rfi)) == 2
                })
                try await chase()
                #expect(try await harness.eventually { try await harness.count("SELECT count(*) FROM occ_jobs WHERE kind = 'chase_overdue_requests'") == 0 })
                #expect(try await harness.count(chased, String(id), String(rfi)) == 2)
                let inbox = try await harness.call(harness.feedback.router, .get, "/v1/requests", token: scenario.telco.token)
                #expect(inbox.json["items"]?.arrayValue?.first?["overdue"] == .bool(true))
            }
        }

        @Test("row-level security: a partner's session sees only what is addressed to it, an agency's only its own, whatever it sets")
        func isolation() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let otherTelco = try await harness.partner("Telco Two", .telco)
                let ftc = try await harness.officer("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
                let raised = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/requests", token: ftc.token, body: Self.blockNumber(), purpose: "disruption")
                #expect(raised.status == 201)
                let asked = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/rfis", token: ftc.token, body: #"{"question": "When?"}"#, purpose: "enquiry")
                #expect(asked.status == 201)

                let feedback = harness.database.conninfo(as: .feedback)
                for (partner, requests, rfis) in [(scenario.telco, 1, 0), (otherTelco, 0, 0), (scenario.bank, 0, 1)] {
                    try await LoginSession.with(feedback) { session in
                        try await session.set("occ.partner_id", String(partner.id))
                        #expect(try await session.count("SELECT count(*) FROM partner_requests") == requests)
                        #expect(try await session.count("SELECT count(*) FROM partner_rfis") == rfis)
                        #expect(try await session.affected("UPDATE partner_requests SET status = 'declined', declined_reason = 'x', acted_by = \(partner.id), acted_at = now()") == requests)
                    }
                }
                try await LoginSession.with(harness.database.conninfo(as: .tasking)) { session in
                    try await session.set("occ.agency_code", "NCA_TICAT")
                    #expect(try await session.count("SELECT count(*) FROM partner_requests") == 0)
                    #expect(try await session.count("SELECT count(*) FROM partner_rfis") == 0)
                    try await session.set("occ.agency_code", "COLP_FTC")
                    #expect(try await session.count("SELECT count(*) FROM partner_rfis") == 1)
                }
                let bound = try await harness.database.login(.taskingAPI, boundTo: .agency(code: "NCA_TICAT"))
                try await LoginSession.with(bound) { session in
                    try await session.set("occ.agency_code", "COLP_FTC")
                    #expect(try await session.count("SELECT count(*) FROM partner_requests") == 0)
                    #expect(await session.failure("SELECT * FROM occ_chase_overdue(10)") == .insufficientPrivilege)
                }
            }
        }
    }
}
