import Domain
import Foundation
import Testing

/// Requests to partners through the real executables: an officer asks, the sector that can act
/// sees it through feedback, one partner completes it, and the figures and the chase follow.
@Suite("End to end: a disruption request from an officer to the telco sector", .serialized)
struct PartnerRequestJourneyTests {
    static func integer(_ value: JSONValue) -> Int? {
        if case .integer(let number) = value { number } else { nil }
    }

    @Test("FTC raises block_number on a phone; only telcos see it; one completes it; report and overdue chase follow")
    func blockNumber() async throws {
        // The worker chases overdue requests every second here, so the test waits seconds, not a minute.
        let exchange = try await Exchange(environment: ["TASKING_CHASE_INTERVAL": "1s"])
        let telco1 = try await exchange.partner("Telco One", .telco)
        let telco2 = try await exchange.partner("Telco Two", .telco)
        let bank = try await exchange.partner("High Street Bank", .finance)
        let tech = try await exchange.partner("Tech Platform", .tech)
        let society = try await exchange.partner("Building Society", .finance)
        // Two banks report the scam number: corroborated fraud goes to the Fraud Targeting Cell.
        for (index, partner) in [bank, society].enumerated() {
            let referral = Exchange.referral("APP-\(index)", crimeType: "fraud.app_impersonation", indicators: #"{"kind": "phone", "value": "+44 7700 900123"}"#)
            #expect(try await exchange.call("intake", .post, "/v1/referrals", token: partner.token, body: referral).0 == 201)
            #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM referrals WHERE status = 'tasked'") == index + 1 })
        }
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM taskings WHERE agency_code = 'COLP_FTC'") == 2 })
        let ftc = try await exchange.officer("COLP_FTC", name: "DC Requests", staffID: "FTC9").token
        let tasking = try #require(try await exchange.call("tasking", .get, "/v1/taskings", token: ftc).1["taskings"]?.arrayValue?.first?["id"]?.stringValue)

        let tomorrow = Timestamp.format(Date().addingTimeInterval(86_400))
        let (raised, request) = try await exchange.call(
            "tasking", .post, "/v1/taskings/\(tasking)/requests", token: ftc, body: """
                {"kind": "block_number", "indicator_key": "phone:+447700900123", "gateway": "dpa_2018_sch2_para2", "deadline": "\(tomorrow)"}
                """, purpose: "blocking the scam number")
        #expect(raised == 201)
        let id = try #require(request["id"].flatMap(Self.integer))

        // Nobody referred the number from the telco sector, so every telco is asked; no one else.
        for telco in [telco1, telco2] {
            let (status, inbox) = try await exchange.call("feedback", .get, "/v1/requests", token: telco.token)
            #expect(status == 200 && inbox["items"]?.arrayValue?.map { $0["id"].flatMap(Self.integer) } == [id])
        }
        for other in [bank, society, tech] {
            #expect(try await exchange.call("feedback", .get, "/v1/requests", token: other.token).1["items"]?.arrayValue?.isEmpty == true)
        }

        let completedAt = Timestamp.format(Date())
        let (completed, done) = try await exchange.call(
            "feedback", .post, "/v1/requests/\(id)/complete", token: telco1.token, body: #"{"completed_at": "\#(completedAt)", "reference": "BLK-1"}"#)
        #expect(completed == 200 && done["status"]?.stringValue == "completed")
        #expect(try await exchange.call("feedback", .post, "/v1/requests/\(id)/complete", token: telco2.token, body: #"{"completed_at": "\#(completedAt)"}"#).0 == 409)
        // Per the disclosure rules: the partner that acted sees its own evidence; the other telco only that another partner acted.
        #expect(done["acted_by"]?.stringValue == "you" && done["completion"]?["reference"]?.stringValue == "BLK-1")
        let other = try await exchange.call("feedback", .get, "/v1/requests", token: telco2.token).1["items"]?.arrayValue?.first
        #expect(other?["status"]?.stringValue == "completed" && other?["acted_by"]?.stringValue == "another partner")
        #expect(other?["completion"] == .null)

        let (_, view) = try await exchange.call("tasking", .get, "/v1/taskings/\(tasking)/requests", token: ftc, purpose: "checking progress")
        let stored = view["requests"]?.arrayValue?.first
        #expect(stored?["status"]?.stringValue == "completed" && stored?["acted_by_partner"]?.stringValue == String(telco1.id))
        #expect(stored?["completion"]?["completed_at"]?.stringValue != nil && stored?["seconds_to_complete"] != nil)

        let oversight = try await exchange.token(.exchange, .oversight)
        let (_, report) = try await exchange.call("feedback", .get, "/v1/reports/benefits", token: oversight)
        let telcoLine = report["requests"]?["by_sector"]?.arrayValue?.first { $0["key"]?.stringValue == "telco" }
        #expect(telcoLine?["completed"] == .integer(1))
        #expect(telcoLine?["median_seconds_to_complete"].map { $0 != .null } == true)
        #expect(report["requests"]?["by_sector"]?.arrayValue?.first { $0["key"]?.stringValue == "finance" }?["completed"] == .integer(0))

        // A request nobody answers: its deadline passes, the list shows it and the chase audits it. The deadline is
        // moved into the past by the schema owner (the API refuses a past one): no short real deadline races the call.
        let (_, second) = try await exchange.call(
            "tasking", .post, "/v1/taskings/\(tasking)/requests", token: ftc, body: """
                {"kind": "do_not_originate", "indicator_key": "phone:+447700900123", "gateway": "dpa_2018_sch2_para2", "deadline": "\(tomorrow)"}
                """, purpose: "adding the number to the DNO list")
        let late = try #require(second["id"].flatMap(Self.integer))
        #expect(try await exchange.count("""
            WITH u AS (UPDATE partner_requests SET raised_at = now() - interval '2 hours', deadline = now() - interval '1 hour'
                       WHERE id = $1 RETURNING 1) SELECT count(*) FROM u
            """, Int64(late)) == 1)
        #expect(try await exchange.eventually {
            try await exchange.call("tasking", .get, "/v1/overdue", token: ftc).1["requests"]?.arrayValue?.map { $0["id"].flatMap(Self.integer) } == [late]
        })
        #expect(try await exchange.eventually {
            try await exchange.count("SELECT count(*) FROM audit_log WHERE action = 'request.overdue' AND subject_id = $1", String(late)) == 1
        })
        #expect(try await exchange.count("SELECT count(*) FROM audit_log WHERE action = 'request.overdue'") == 1)
        #expect(await exchange.stop().values.allSatisfy { $0 == 0 })
    }
}
