import Domain
import Foundation
import Testing

/// The four real executables against one throwaway database: referrals from every sector travel
/// intake → enrichment → tasking → outcome → feedback through the queue alone.
@Suite("End to end: the referral journey through the four executables", .serialized)
struct ReferralJourneyTests {
    @Test("referrals from all four sectors are linked, tasked, actioned and fed back to their partners")
    func journey() async throws {
        let exchange = try await Exchange()
        // Each worker (enrichment, tasking, feedback) keeps one LISTEN session by default; a worker
        // opens it just after its service answers /readyz, hence the wait.
        #expect(try await exchange.eventually { try await exchange.listenerSessions() == 3 })
        let telco = try await exchange.partner("Telco One", .telco)
        let bank = try await exchange.partner("High Street Bank", .finance)
        let tech = try await exchange.partner("Tech Platform", .tech)
        let cyber = try await exchange.partner("Cyber Firm", .cyber)
        let submissions = [
            (telco.token, Exchange.referral("TEL-1", crimeType: "fraud.app_impersonation", indicators: #"{"kind": "phone", "value": "07700 900123"}"#)),
            (bank.token, Exchange.referral("BANK-1", crimeType: "fraud.app_impersonation", indicators: #"{"kind": "phone", "value": "+44 7700 900123"}"#)),
            (tech.token, Exchange.referral("TECH-1", crimeType: "fraud.purchase", indicators: #"{"kind": "url", "value": "https://shop.example.co.uk/pay"}"#)),
            (cyber.token, Exchange.referral("CYB-1", crimeType: "cyber.ransomware", indicators: #"{"kind": "ipv4", "value": "203.0.113.7"}"#)),
        ]
        for (index, (token, body)) in submissions.enumerated() {
            #expect(try await exchange.call("intake", .post, "/v1/referrals", token: token, body: body).0 == 201)
            // The telco's referral is tasked first, so the bank's corroborates it.
            if index == 0 {
                #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM referrals WHERE status = 'tasked'") == 1 })
            }
        }
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM referrals WHERE status = 'tasked'") == 4 })

        // The bank's referral joined the telco's network: the telco's is routed to the FTC too.
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM taskings WHERE agency_code = 'COLP_FTC'") == 2 })
        let ftc = try await exchange.officer("COLP_FTC", name: "DC Journey", staffID: "FTC1").token
        let (listed, taskings) = try await exchange.call("tasking", .get, "/v1/taskings", token: ftc)
        #expect(listed == 200)
        let tasking = try #require(taskings["taskings"]?.arrayValue?.first?["id"]?.stringValue)
        #expect(taskings["taskings"]?.arrayValue?.count == 2)
        let (read, detail) = try await exchange.call("tasking", .get, "/v1/taskings/\(tasking)", token: ftc, purpose: "triage")
        #expect(read == 200)
        #expect(detail["indicators"]?.arrayValue?.isEmpty == false)
        let outcome = #"{"kind": "disrupted", "disruptions": [{"kind": "block_number", "indicator_key": "phone:+447700900123"}]}"#
        let (recorded, _) = try await exchange.call(
            "tasking", .post, "/v1/taskings/\(tasking)/outcome", token: ftc, body: outcome, purpose: "recording the disruption")
        #expect(recorded == 201)

        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM feedback_items") == 2 })
        for partner in [telco, bank] {
            // The feed hands an item out once every older transaction in the cluster has ended
            // (docs/polling.md); tests sharing the cluster may hold one open for a moment.
            var (status, page) = (0, JSONValue.null)
            #expect(try await exchange.eventually {
                (status, page) = try await exchange.call("feedback", .get, "/v1/feedback", token: partner.token)
                return page["items"]?.arrayValue?.isEmpty == false
            })
            #expect(status == 200)
            #expect(page["items"]?.arrayValue?.first?["outcome"]?.stringValue == "disrupted")
            #expect(page["items"]?.arrayValue?.first?["partner_id"]?.stringValue == String(partner.id))
        }
        #expect(try await exchange.call("feedback", .get, "/v1/feedback", token: tech.token).1["items"]?.arrayValue?.isEmpty == true)
        let oversight = try await exchange.token(.exchange, .oversight)
        let (_, report) = try await exchange.call("feedback", .get, "/v1/reports/benefits", token: oversight)
        #expect(report["total"]?["received"] == .integer(4))
        #expect(report["total"]?["with_outcome"] == .integer(1))
        #expect(await exchange.stop().values.allSatisfy { $0 == 0 })
    }

    @Test("an enrichment worker killed with SIGKILL mid-flight loses nothing and hands each referral on exactly once")
    func enrichmentKilledMidFlight() async throws {
        // Enrichment starts only once every referral waits for it, so the kill always leaves work.
        let exchange = try await Exchange(enrichmentConcurrency: 1, services: ["intake", "tasking", "feedback"])
        let bank = try await exchange.partner("High Street Bank", .finance)
        let total = 1_000
        let lines = (0..<total).map { index in
            Exchange.referral(
                "APP-\(index)", crimeType: "fraud.purchase",
                indicators: #"{"kind": "phone", "value": "+447700\#(String(format: "%06d", 900_000 + index))"}"#)
                .replacingOccurrences(of: "\n", with: " ")
        }
        let (status, _) = try await exchange.call(
            "intake", .post, "/v1/referrals/bulk", token: bank.token, body: lines.joined(separator: "\n") + "\n",
            contentType: "application/x-ndjson")
        #expect(status == 200)
        try await exchange.start("enrichment")
        _ = try await exchange.eventually(timeout: .seconds(30), poll: .milliseconds(5)) {
            try await exchange.count("SELECT count(*) FROM referral_scores") >= 1
        }
        await exchange.services["enrichment"]?.killHard()
        // The worker died with work left: referrals enriched by it, others not yet.
        #expect(try await exchange.count("SELECT count(*) FROM referral_scores") < total)
        try await exchange.start("enrichment")

        #expect(try await exchange.eventually(timeout: .seconds(180)) {
            try await exchange.count("SELECT count(*) FROM referrals WHERE status = 'tasked'") == total
        })
        #expect(try await exchange.eventually { try await exchange.count("SELECT count(*) FROM occ_jobs") == 0 })
        #expect(try await exchange.count("SELECT count(*) FROM referral_scores") == total)
        #expect(try await exchange.count("SELECT count(*) FROM taskings") == total)
        #expect(try await exchange.count("SELECT count(*) FROM occ_job_history WHERE kind = 'task_referral' AND state = 'completed'") == total)
        #expect(try await exchange.count("SELECT count(DISTINCT args->>'referral_id') FROM occ_job_history WHERE kind = 'task_referral'") == total)
        #expect(await exchange.stop().values.allSatisfy { $0 == 0 })
    }
}
