import Domain
import Foundation
import Testing

/// A real TAXII client (the OASIS `taxii2-client`) pulls a partner's collections page by page
/// with `added_after`, and `stix2-validator` checks every object in strict mode.
@Suite("TAXII 2.1 with the OASIS client", .serialized)
struct TAXIIClientTests {
    static let secondPhoneKey = "phone:+447700900456"
    static let secondBankReferral = Fixtures.referral(
        "BANK-2", crimeType: "fraud.app_impersonation", summary: "Impersonation calls from a second number",
        indicators: #"{"kind": "phone", "value": "07700 900456"}"#)

    struct Pull: Decodable {
        struct Object: Decodable {
            let id: String
            let type: String
            let revoked: Bool
            let pattern: String?
        }

        let pages: [Int]
        let objects: [Object]
        let invalid: [String: [String]]
        let manifest: Int
    }

    static func pull(_ servers: TAXIIServers, _ partner: TestPartner, _ collection: TAXIICollection, perPage: Int, addedAfter: Date)
        async throws -> Pull {
        let data = try await PythonClients.pull([
            "http://127.0.0.1:\(servers.feedbackPort)/taxii2/", partner.token, collection.id, String(perPage), Timestamp.format(addedAfter),
        ])
        return try JSONDecoder().decode(Pull.self, from: data)
    }

    @Test(
        "a partner's confirmed indicators are exactly what disclosure releases, none under embargo; all valid; a withdrawn one revoked",
        .disabled(if: PythonClients.skipReason != nil, PythonClients.skipComment))
    func clientPullsReleasedIndicators() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let start = Date().addingTimeInterval(-1)
                let telco = try await harness.partner("Telco One", .telco)
                let bank = try await harness.partner("High Street Bank", .finance)
                // Through intake a telco must name a gateway its sector may invoke (docs/gateways.md).
                let telcoReferral = try await servers.submit(
                    telco, Fixtures.telco.replacingOccurrences(of: "eccta_2023_ss188_189", with: "dpa_2018_sch2_para2"))
                #expect(try await harness.waitUntilTasked(telcoReferral))
                let bankReferral = try await servers.submit(bank, Fixtures.bank)
                let embargoed = try await servers.submit(bank, Self.secondBankReferral)
                for id in [bankReferral, embargoed] { #expect(try await harness.waitUntilTasked(id)) }
                #expect(try await harness.waitUntilIdle())

                // Released: the FTC's disruption of the shared number and account.
                let ftc = try await harness.agencyToken("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc, referral: bankReferral))
                #expect(try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome).status == 201)
                // Under embargo for two days: the second number's disruption.
                let reportFraud = try await harness.agencyToken("REPORT_FRAUD")
                let embargoedTasking = try #require(try await harness.taskingID(agency: reportFraud, referral: embargoed))
                let until = Timestamp.format(Date().addingTimeInterval(2 * 86_400))
                let outcome = #"{"kind": "disrupted", "embargo_until": "\#(until)", "disruptions": [{"kind": "block_number", "indicator_key": "\#(Self.secondPhoneKey)"}]}"#
                #expect(try await harness.recordOutcome(agency: reportFraud, tasking: embargoedTasking, outcome).status == 201)
                #expect(try await harness.eventually {
                    try await harness.count("SELECT count(*) FROM feedback_items WHERE partner_id = $1", bank.id) == 2
                })

                let expected: Set<String> = [STIXObjectID.make("indicator", name: Fixtures.phoneKey),
                                             STIXObjectID.make("indicator", name: "iban:GB29NWBK60161331926819")]
                // The feed shows rows once every older transaction in the shared cluster has ended.
                _ = try await TAXIIRouteTests.pageAll(servers, bank, .confirmed, limit: 10, expecting: 4)
                _ = try await TAXIIRouteTests.pageAll(servers, telco, .confirmed, limit: 10, expecting: 4)
                _ = try await TAXIIRouteTests.pageAll(servers, bank, .outcomes, limit: 10, expecting: 4)
                let confirmed = try await Self.pull(servers, bank, .confirmed, perPage: 1, addedAfter: start)
                #expect(confirmed.pages == [1, 1, 1, 1])
                #expect(confirmed.invalid.isEmpty, "\(confirmed.invalid)")
                #expect(confirmed.manifest == 4)
                let indicators = confirmed.objects.filter { $0.type == "indicator" }
                #expect(Set(indicators.map(\.id)) == expected)
                #expect(!indicators.contains { $0.pattern?.contains("+447700900456") == true })
                #expect(Set(confirmed.objects.map(\.type)) == ["identity", "extension-definition", "indicator"])
                // The telco's own echoed indicators are its own; the embargoed partner-side number is nowhere.
                let telcoConfirmed = try await Self.pull(servers, telco, .confirmed, perPage: 10, addedAfter: start)
                #expect(telcoConfirmed.invalid.isEmpty)
                #expect(Set(telcoConfirmed.objects.filter { $0.type == "indicator" }.map(\.id)) == [
                    STIXObjectID.make("indicator", name: Fixtures.phoneKey), STIXObjectID.make("indicator", name: Fixtures.accountKey)])
                // Nothing added after everything: an empty first page.
                #expect(try await Self.pull(servers, bank, .confirmed, perPage: 2, addedAfter: Date().addingTimeInterval(60)).objects.isEmpty)

                let outcomes = try await Self.pull(servers, bank, .outcomes, perPage: 2, addedAfter: start)
                #expect(outcomes.invalid.isEmpty, "\(outcomes.invalid)")
                #expect(outcomes.objects.filter { $0.type == "note" }.count == 2)

                #expect(try await servers.withdraw(bank, embargoed).status == .ok)
                _ = try await TAXIIRouteTests.pageAll(servers, bank, limit: 10, expecting: 8) { objects in
                    objects.contains { $0["revoked"] == .bool(true) }
                }
                let referrals = try await Self.pull(servers, bank, .referrals, perPage: 3, addedAfter: start)
                #expect(referrals.invalid.isEmpty, "\(referrals.invalid)")
                let revoked = referrals.objects.filter(\.revoked)
                #expect(Set(revoked.map(\.type)) == ["indicator", "sighting"])
                #expect(revoked.first { $0.type == "indicator" }?.id
                    == STIXExport.referralIndicatorID(referralID: embargoed.uuidString, key: Self.secondPhoneKey))
                #expect(referrals.objects.filter { $0.type == "indicator" }.count == 3)
                #expect(referrals.pages.allSatisfy { $0 <= 3 })
            }
        }
    }
}
