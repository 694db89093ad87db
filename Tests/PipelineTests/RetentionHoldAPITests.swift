import Domain
import Foundation
import Postgres
import ServiceKit
import Testing

/// `POST /v1/taskings/{id}/hold`: an officer holds a referral tasked to their agency.
extension RetentionTests {
    @Test("an officer holds their tasking's referral: kept from disposal, audited, listed; others' taskings and bad holds refused")
    func officerHold() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let ftc = try await harness.officer("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
            let placed = try await harness.call(
                harness.tasking.router, .post, "/v1/taskings/\(tasking)/hold", token: ftc.token,
                body: #"{"reason": "Operation Kestrel: evidence for trial", "until": "2099-01-01T00:00:00Z"}"#, purpose: "preserve evidence")
            #expect(placed.status == 201, "\(placed.text)")
            #expect(placed.json["reason"]?.stringValue == "Operation Kestrel: evidence for trial")
            #expect(placed.json["until"]?.stringValue?.hasPrefix("2099-01-01T00:00:00") == true)
            #expect(placed.json["placed_by"]?.stringValue == "officer:\(ftc.id)@COLP_FTC")
            #expect(try await harness.count("""
                SELECT count(*) FROM audit_log WHERE action = 'legal_hold.placed' AND actor = $1
                   AND event::jsonb->>'purpose' = 'preserve evidence' AND event::jsonb->'detail'->>'tasking' = $2
                """, "officer:\(ftc.id)@COLP_FTC", tasking) == 1)
            let holds = try await LegalHoldRegistry(pool: harness.pool).list(asOf: Date(), all: false)
            #expect(holds.map(\.subject) == [.referral(scenario.bankReferral)] && holds.first?.agencyCode == "COLP_FTC")
            let plan = try await harness.pool.withConnection {
                try await RetentionDisposer(actor: "test").plan(asOf: Self.later, recordClass: nil, limit: 100, on: $0)
            }
            #expect(!plan.map(\.referralID).contains(scenario.bankReferral) && !plan.isEmpty)

            let ticat = try await harness.agencyToken("NCA_TICAT")
            let refusals: [(String, String, String?, Int, [String])] = [
                (ticat, #"{"reason": "Not ours to hold"}"#, "checking", 404, []),
                (ftc.token, #"{"reason": "x"}"#, "checking", 422, ["reason"]),
                (ftc.token, #"{"reason": "Operation Kestrel", "until": "2001-01-01T00:00:00Z"}"#, "checking", 422, ["until"]),
                (ftc.token, #"{"reason": "Operation Kestrel", "until": "soon", "network": 1}"#, "checking", 422, ["network", "until"]),
                (ftc.token, #"["Operation Kestrel"]"#, "checking", 422, ["body"]),
                (ftc.token, #"{"reason": "Operation Kestrel"}"#, nil, 400, ["X-Purpose"]),
            ]
            for (token, body, purpose, status, fields) in refusals {
                let refused = try await harness.call(
                    harness.tasking.router, .post, "/v1/taskings/\(tasking)/hold", token: token, body: body, purpose: purpose)
                #expect(refused.status == status, "\(body): \(refused.text)")
                if !fields.isEmpty { #expect(refused.json["errors"]?.strings("field") == fields, "\(body)") }
            }
            #expect(try await harness.count("SELECT count(*) FROM legal_holds") == 1, "refusals hold nothing")
        }
    }
}
