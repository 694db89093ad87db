import Domain
import Foundation
import Postgres
import Queue
import ServiceKit
import Testing

/// `POST /v1/referrals/{id}/withdraw` through the pipeline: routing stops, links through the
/// referral go and its network splits where it held it together, taskings show the notice.
@Suite("Withdrawing a referral", .serialized)
struct WithdrawalTests {
    static let account = #"{"kind": "uk_bank_account", "sort_code": "60-16-13", "account_number": "31926819"}"#

    @Test("a withdrawn referral's links go, its network splits in two, and its tasking shows the notice")
    func unlinksAndSplits() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let telco = try await harness.partner("Telco One", .telco)
                let bank = try await harness.partner("High Street Bank", .finance)
                let lender = try await harness.partner("Second Bank", .finance)
                // The telco's referral holds the network together: the bank shares its number, the
                // lender its account; the bank and the lender share nothing with each other.
                let hub = try await harness.submit(telco, Fixtures.referral(
                    "TEL-1", crimeType: "fraud.app_impersonation", summary: "Calls and a mule account",
                    indicators: #"{"kind": "phone", "value": "07700 900123"}, \#(Self.account)"#))
                #expect(try await harness.waitUntilTasked(hub))
                let byPhone = try await harness.submit(bank, Fixtures.referral(
                    "BANK-1", crimeType: "fraud.app_impersonation", summary: "Calls", indicators: #"{"kind": "phone", "value": "+44 7700 900123"}"#))
                let byAccount = try await harness.submit(lender, Fixtures.referral(
                    "LEND-1", crimeType: "fraud.app_impersonation", summary: "Payments", indicators: Self.account))
                for id in [byPhone, byAccount] { #expect(try await harness.waitUntilTasked(id)) }
                #expect(try await harness.waitUntilIdle())
                let networkOf = "SELECT network_id::int FROM network_members WHERE referral_id = $1"
                let network = try await harness.count(networkOf, hub)
                #expect(try await harness.count(networkOf, byPhone) == network)
                #expect(try await harness.count(networkOf, byAccount) == network)
                #expect(try await harness.count("SELECT count(*) FROM referral_links WHERE referral_id = $1 OR linked_referral_id = $1", hub) > 0)

                let withdrawn = try await servers.withdraw(telco, hub)
                #expect(withdrawn.status == .ok)
                #expect(try await harness.eventually {
                    try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'referral.unlinked' AND subject_id = $1", hub.lowercased) == 1
                })
                #expect(try await harness.count("SELECT count(*) FROM referral_links WHERE referral_id = $1 OR linked_referral_id = $1", hub) == 0)
                #expect(try await harness.count("SELECT count(*) FROM indicator_sightings WHERE referral_id = $1 AND links", hub) == 0)
                #expect(try await harness.count("SELECT count(*) FROM network_members WHERE referral_id = $1", hub) == 0)
                let phoneNetwork = try await harness.count(networkOf, byPhone)
                let accountNetwork = try await harness.count(networkOf, byAccount)
                #expect(phoneNetwork != accountNetwork)
                let shape = "SELECT referral_count * 100 + partner_count * 10 + indicator_count FROM networks WHERE id = $1"
                // One referral, one partner, one linking key each (the account also has no IBAN alias here).
                #expect(try await harness.count(shape, phoneNetwork) == 111)
                #expect(try await harness.count(shape, accountNetwork) / 100 == 1)
                #expect(try await harness.count("SELECT count(*) FROM network_keys WHERE key = 'phone:+447700900123' AND network_id = $1", phoneNetwork) == 1)

                // The tasked agency sees the notice on the tasking.
                let officer = try await harness.agencyToken("REPORT_FRAUD")
                let tasking = try #require(try await harness.taskingID(agency: officer, referral: hub))
                let view = try await harness.call(
                    harness.tasking.router, .get, "/v1/taskings/\(tasking)", token: officer, purpose: "review of a withdrawn referral")
                #expect(view.status == 200)
                #expect(view.json["withdrawal"]?["reason"]?.stringValue == "Wrong account number: a typo in our report.")
                #expect(view.json["withdrawal"]?["withdrawn_at"]?.stringValue != nil)
                let other = try #require(try await harness.taskingID(agency: officer, referral: byPhone))
                #expect(try await harness.call(harness.tasking.router, .get, "/v1/taskings/\(other)", token: officer, purpose: "review")
                    .json["withdrawal"] == nil)
            }
        }
    }

    @Test("enrichment and routing jobs still queued for a withdrawn referral do nothing")
    func pendingJobsAreNoOps() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let bank = try await harness.partner("High Street Bank", .finance)
                let referral = try await harness.submit(bank, Fixtures.bank, enqueue: false)
                #expect(try await servers.withdraw(bank, referral).status == .ok)
                let queue = JobQueue(pool: harness.pool)
                _ = try await queue.enqueue(EnrichReferral(referralID: referral), options: InsertOptions(queue: EnrichReferral.queue))
                _ = try await queue.enqueue(TaskReferral(referralID: referral), options: InsertOptions(queue: TaskReferral.queue))
                #expect(try await harness.waitUntilIdle())
                #expect(try await harness.text("SELECT status FROM referrals WHERE id = $1", referral) == "received")
                #expect(try await harness.count("SELECT count(*) FROM referral_scores WHERE referral_id = $1", referral) == 0)
                #expect(try await harness.count("SELECT count(*) FROM taskings WHERE referral_id = $1", referral) == 0)
                #expect(try await harness.count("SELECT count(*) FROM indicator_sightings WHERE referral_id = $1", referral) == 0)
            }
        }
    }

    @Test("a correction unlinks only the named indicator, revokes it over TAXII and shows on the tasking")
    func correctionUnlinksOneIndicator() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let telco = try await harness.partner("Telco One", .telco)
                let bank = try await harness.partner("High Street Bank", .finance)
                let telcoReferral = try await servers.submit(
                    telco, Fixtures.telco.replacingOccurrences(of: "eccta_2023_ss188_189", with: "dpa_2018_sch2_para2"))
                #expect(try await harness.waitUntilTasked(telcoReferral))
                let bankReferral = try await servers.submit(bank, Fixtures.bank)
                #expect(try await harness.waitUntilTasked(bankReferral))
                #expect(try await harness.waitUntilIdle())
                let links = "SELECT count(*) FROM referral_neighbours WHERE referral_id = $1 AND key = $2"
                #expect(try await harness.count(links, telcoReferral, Fixtures.accountKey) == 1)
                #expect(try await harness.count(links, telcoReferral, Fixtures.phoneKey) == 1)

                let path = "/v1/referrals/\(telcoReferral.lowercased)/corrections"
                let post = { (partner: TestPartner, body: String) in
                    try await TAXIIServers.once(servers.intakePort, .post, path, headers: [
                        "Authorization": "Bearer \(partner.token)", "Content-Type": "application/json"], body: Array(body.utf8))
                }
                let unknown = try await post(telco, #"{"reason": "typo", "remove": ["phone:+447700900999"]}"#)
                #expect(unknown.status == .unprocessableContent)
                #expect(unknown.text.contains("remove[0]"))
                #expect(try await post(bank, #"{"reason": "typo", "remove": ["\#(Fixtures.accountKey)"]}"#).status == .notFound)
                #expect(try await harness.count("SELECT count(*) FROM referral_corrections") == 0)
                let corrected = try await post(telco, #"{"reason": "The account number was mistyped.", "remove": ["\#(Fixtures.accountKey)"]}"#)
                #expect(corrected.status == .ok)
                #expect(try JSONValue(parsing: Data(corrected.body))["revoked_objects"] == .integer(2))
                #expect(try await harness.eventually {
                    try await harness.count("SELECT count(*) FROM audit_log WHERE action = 'referral.unlinked' AND subject_id = $1",
                                            telcoReferral.lowercased) == 1
                })
                // The account link is gone both ways; the number still links the two referrals.
                #expect(try await harness.count(links, telcoReferral, Fixtures.accountKey) == 0)
                #expect(try await harness.count(links, bankReferral, Fixtures.accountKey) == 0)
                #expect(try await harness.count(links, telcoReferral, Fixtures.phoneKey) == 1)
                #expect(try await harness.count("SELECT count(*) FROM network_members WHERE referral_id = $1", telcoReferral) == 1)
                #expect(try await harness.count(
                    "SELECT count(*) FROM indicator_sightings WHERE referral_id = $1 AND key = $2 AND NOT links", telcoReferral, Fixtures.accountKey) == 1)

                let officer = try await harness.agencyToken("REPORT_FRAUD")
                let tasking = try #require(try await harness.taskingID(agency: officer, referral: telcoReferral))
                let view = try await harness.call(harness.tasking.router, .get, "/v1/taskings/\(tasking)", token: officer, purpose: "review")
                let notice = try #require(view.json["corrections"]?.arrayValue?.first)
                #expect(notice["reason"]?.stringValue == "The account number was mistyped.")
                #expect(notice["removed"] == .array([.string(Fixtures.accountKey)]))

                let accountID = STIXExport.referralIndicatorID(referralID: telcoReferral.uuidString, key: Fixtures.accountKey)
                let latest = try await TAXIIRouteTests.eventuallyJSON(
                    harness, servers, telco, "\(TAXIIRouteTests.referrals)/objects/\(accountID)/") {
                    $0["objects"]?.arrayValue?.first?["revoked"] == .bool(true)
                }
                #expect(latest["objects"]?.arrayValue?.first?["revoked"] == .bool(true))

                #expect(try await servers.withdraw(telco, telcoReferral).status == .ok)
                #expect(try await post(telco, #"{"reason": "again", "remove": ["\#(Fixtures.phoneKey)"]}"#).status == .conflict)
            }
        }
    }
}
