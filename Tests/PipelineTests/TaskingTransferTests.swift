import Domain
import Foundation
import Testing

extension PursueTests {
    @Suite("Tasking: transfers between teams, lead agency and deconfliction", .serialized)
    struct TaskingTransferTests {
        @Test("Report Fraud transfers to a ROCU: one audited event names both ends, both agencies list it, the ROCU starts it as new")
        func transferAuditedAtBothEnds() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let reportFraud = try await harness.officer("REPORT_FRAUD")
                let rocu = try await harness.officer("ROCU_NORTH_WEST")
                let ftc = try await harness.officer("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: reportFraud.token, referral: scenario.bankReferral))
                let path = "/v1/taskings/\(tasking)/transfer"
                let transfer = { (token: String, body: String) in
                    try await harness.call(harness.tasking.router, .post, path, token: token, body: body, purpose: "victim lives in the North West")
                }
                // Bad bodies and impossible targets change nothing.
                for (body, field) in [(#"{"reason": "x"}"#, "to_team"), (#"{"to_team": "rocu", "reason": "x"}"#, "to_team"),
                                      (#"{"to_team": "ROCU_NORTH_WEST", "reason": " "}"#, "reason"),
                                      (#"{"to_team": "NOPE_TEAM", "reason": "x"}"#, "to_team"),
                                      (#"{"to_team": "REPORT_FRAUD", "reason": "x"}"#, "to_team")] {
                    let refused = try await transfer(reportFraud.token, body)
                    #expect(refused.status == 422 && refused.json["errors"]?.strings("field") == [field], "\(body)")
                }
                #expect(try await transfer(reportFraud.token, #"{"to_team": "COLP_FTC", "reason": "x"}"#).status == 409)
                #expect(try await transfer(rocu.token, #"{"to_team": "COLP_FTC", "reason": "x"}"#).status == 404)
                _ = try await harness.pool.query(.init("test_gateway_narrow",
                    "UPDATE lawful_gateways SET permitted_agencies = ARRAY['REPORT_FRAUD', 'COLP_FTC'] WHERE code = 'eccta_2023_ss188_189'"))
                let unlawful = try await transfer(reportFraud.token, #"{"to_team": "ROCU_NORTH_WEST", "reason": "x"}"#)
                #expect(unlawful.status == 422 && unlawful.json["errors"]?.strings("field") == ["to_team"])
                _ = try await harness.pool.query(.init("test_gateway_widen",
                    "UPDATE lawful_gateways SET permitted_agencies = NULL WHERE code = 'eccta_2023_ss188_189'"))
                #expect(try await harness.count("SELECT count(*) FROM tasking_transfers") == 0)

                let moved = try await transfer(reportFraud.token, #"{"to_team": "ROCU_NORTH_WEST", "reason": "Victim and suspects in Greater Manchester."}"#)
                #expect(moved.status == 200)
                #expect(moved.json["from_team"]?.stringValue == "REPORT_FRAUD" && moved.json["to_team"]?.stringValue == "ROCU_NORTH_WEST")
                let audited = """
                    SELECT count(*) FROM audit_log WHERE action = 'tasking.transferred' AND subject_id = $1
                      AND event LIKE '%"from_agency":"REPORT_FRAUD"%' AND event LIKE '%"to_agency":"ROCU_NORTH_WEST"%'
                    """
                #expect(try await harness.count(audited, tasking) == 1)
                // Both ends see the one transfer; the tasking is now the ROCU's, new, and gone from Report Fraud.
                for officer in [reportFraud, rocu] {
                    let listed = try await harness.call(harness.tasking.router, .get, "/v1/transfers", token: officer.token)
                    #expect(listed.json["transfers"]?.strings("tasking_id") == [tasking], "\(officer.agency)")
                    #expect(listed.json["transfers"]?.strings("reason") == ["Victim and suspects in Greater Manchester."])
                }
                #expect(try await harness.call(harness.tasking.router, .get, "/v1/transfers", token: ftc.token).json["transfers"]?.arrayValue?.isEmpty == true)
                #expect(try await harness.taskingID(agency: reportFraud.token, referral: scenario.bankReferral) == nil)
                let read = try await harness.call(harness.tasking.router, .get, "/v1/taskings/\(tasking)", token: rocu.token, purpose: "triage")
                #expect(read.status == 200 && read.json["status"]?.stringValue == "new")
                #expect(try await transfer(reportFraud.token, #"{"to_team": "COLP_FTC", "reason": "x"}"#).status == 404)
                let bad = try await harness.call(harness.tasking.router, .get, "/v1/transfers?limit=0&since=1", token: rocu.token)
                #expect(bad.status == 400 && Set(bad.json["errors"]?.strings("field") ?? []) == ["limit", "since"])
            }
        }

        @Test("several agencies on one network: each tasking carries the deconfliction flag; a holder designates the lead")
        func leadAgencyAndDeconfliction() async throws {
            try await PipelineHarness.with { harness in
                let scenario = try await Scenario.run(harness)
                let ftc = try await harness.officer("COLP_FTC")
                let reportFraud = try await harness.officer("REPORT_FRAUD")
                let ticat = try await harness.officer("NCA_TICAT")
                let network = try #require(try await harness.text(
                    "SELECT network_id::text FROM network_members WHERE referral_id = $1::uuid", scenario.bankReferral.uuidString))
                let agencies = try await harness.pool.query(.init("test_network_agencies", """
                    SELECT DISTINCT t.agency_code FROM taskings t JOIN network_members m ON m.referral_id = t.referral_id
                    WHERE m.network_id = $1::bigint ORDER BY 1
                    """, [network])).map { try $0.decode(String.self, "agency_code") }
                #expect(agencies.count > 1 && agencies.contains("COLP_FTC"))
                let flag = { (token: String) async throws -> JSONValue? in
                    let list = try await harness.call(harness.tasking.router, .get, "/v1/taskings", token: token)
                    return list.json["taskings"]?.arrayValue?.first { $0["referral_id"]?.stringValue == scenario.bankReferral.uuidString.lowercased() }?["deconfliction"]
                }
                let before = try #require(try await flag(ftc.token))
                #expect(before["agencies"]?.arrayValue?.compactMap(\.stringValue) == agencies)
                #expect(before["network_id"]?.intValue.map(String.init) == network && (before["lead_agency"] ?? .null) == .null)

                let lead = "/v1/networks/\(network)/lead"
                if !agencies.contains("NCA_TICAT") {
                    let stranger = try await harness.call(
                        harness.tasking.router, .post, lead, token: ticat.token, body: #"{"team": "NCA_TICAT"}"#, purpose: "lead")
                    #expect(stranger.status == 404)
                }
                let notHolding = try await harness.call(harness.tasking.router, .post, lead, token: ftc.token, body: #"{"team": "ROCU_WALES"}"#, purpose: "lead")
                #expect(notHolding.status == 422 && notHolding.json["errors"]?.strings("field") == ["team"])
                let designated = try await harness.call(
                    harness.tasking.router, .post, lead, token: ftc.token, body: #"{"team": "COLP_FTC"}"#, purpose: "deconfliction meeting")
                #expect(designated.status == 200 && designated.json["lead_agency"]?.stringValue == "COLP_FTC")
                #expect(try await flag(reportFraud.token)?["lead_agency"]?.stringValue == "COLP_FTC")
                #expect(try await harness.count(
                    "SELECT count(*) FROM audit_log WHERE action = 'network.lead_designated' AND subject_id = $1", network) == 1)
            }
        }
    }
}
