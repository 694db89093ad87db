import Domain
import Foundation
import Postgres
import Queue
import ServiceKit
import Testing

@Suite("Enrichment: correlation across partners and sectors", .serialized)
struct CorrelationTests {
    @Test("the same phone and account from a telco and a bank link the referrals and corroborate them")
    func telcoAndBankCorroborate() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let links = "SELECT count(*) FROM referral_neighbours WHERE referral_id = $1 AND linked_referral_id = $2"
            #expect(try await harness.count(links, scenario.bankReferral, scenario.telcoReferral) == 2)
            #expect(try await harness.count(links, scenario.telcoReferral, scenario.bankReferral) == 2)
            #expect(try await harness.count("SELECT count(*) FROM referral_neighbours WHERE referral_id = $1", scenario.techReferral) == 0)

            let scores = "SELECT distinct_partners * 100 + distinct_sectors * 10 + linked_referrals FROM referral_scores WHERE referral_id = $1"
            #expect(try await harness.count(scores, scenario.bankReferral) == 221)
            // Re-scored when the bank's referral joined its network.
            #expect(try await harness.count(scores, scenario.telcoReferral) == 221)
            #expect(try await harness.count(scores, scenario.cyberReferral) == 110)

            let indicator = "SELECT distinct_partners * 10 + distinct_sectors FROM indicators WHERE key = $1"
            #expect(try await harness.count(indicator, Fixtures.phoneKey) == 22)
            #expect(try await harness.count(indicator, Fixtures.accountKey) == 22)
            #expect(try await harness.count(indicator, "url:https://shop-bargains.example.co.uk/pay") == 11)
        }
    }

    @Test("referrals sharing a number enriched concurrently all link to each other and count every partner")
    func concurrentEnrichment() async throws {
        try await PipelineHarness.with { harness in
            var partners: [TestPartner] = []
            for (index, sector) in [Sector.telco, .tech, .cyber, .finance].enumerated() {
                partners.append(try await harness.partner("Partner \(index)", sector))
            }
            let submissions = (0..<16).map { index in
                Fixtures.referral(
                    "SHARED-\(index)", crimeType: "fraud.app_impersonation", summary: "Calls from the same number",
                    indicators: #"{"kind": "phone", "value": "07700 900123"}"#)
            }
            var referrals: [UUID] = []
            for (index, submission) in submissions.enumerated() {
                referrals.append(try await harness.submit(partners[index % partners.count], submission))
            }
            for referral in referrals { #expect(try await harness.waitUntilTasked(referral)) }
            #expect(try await harness.count("SELECT count(*) FROM referral_neighbours") == 16 * 15)
            // Each pair is stored once, by the later referral; the view reads both ways.
            #expect(try await harness.count("SELECT count(*) FROM referral_links") == 16 * 15 / 2)
            #expect(try await harness.count("SELECT distinct_partners * 10 + distinct_sectors FROM indicators WHERE key = $1", Fixtures.phoneKey) == 44)
            #expect(try await harness.count("SELECT max(distinct_partners) FROM referral_scores") == 4)
        }
    }

    @Test("a redelivered enrichment job creates no second tasking or link")
    func redeliveryIsIdempotent() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let taskings = "SELECT count(*) FROM taskings WHERE referral_id = $1"
            #expect(try await harness.count(taskings, scenario.bankReferral) == 2)
            try await JobQueue(pool: harness.pool).enqueue(
                EnrichReferral(referralID: scenario.bankReferral), options: InsertOptions(queue: EnrichReferral.queue))
            let drained = try await harness.eventually {
                try await harness.count("SELECT count(*) FROM occ_jobs") == 0
            }
            #expect(drained)
            #expect(try await harness.count(taskings, scenario.bankReferral) == 2)
            #expect(try await harness.count("SELECT count(*) FROM referral_neighbours") == 4)
            // Four first routings, the telco's re-routing when the bank's joined its network, the redelivery's.
            #expect(try await harness.count("SELECT count(*) FROM occ_job_history WHERE kind = 'task_referral' AND state = 'completed'") == 6)
        }
    }
}
