import Domain
import Foundation
import Testing

/// "Indicators confirmed for your sector" pulled with the OASIS `taxii2-client`: a disruption
/// recorded on a bank's referral reaches every partner of the sector that acts on it, where the
/// referral's markings allow, never under embargo; every object passes `stix2-validator` strict.
@Suite("TAXII 2.1: indicators confirmed for your sector", .serialized)
struct TAXIISectorTests {
    @Test(
        "a blocked number reaches every telco, a frozen account every bank, nothing the tech sector; nothing under embargo; all valid",
        .disabled(if: PythonClients.skipReason != nil, PythonClients.skipComment))
    func sectorCollection() async throws {
        try await PipelineHarness.with { harness in
            try await TAXIIServers.with(harness) { servers in
                let start = Date().addingTimeInterval(-1)
                let telco = try await harness.partner("Telco One", .telco)
                let otherTelco = try await harness.partner("Telco Two", .telco)
                let bank = try await harness.partner("High Street Bank", .finance)
                let otherBank = try await harness.partner("Second Bank", .finance)
                let shop = try await harness.partner("Marketplace", .tech)
                let telcoReferral = try await servers.submit(
                    telco, Fixtures.telco.replacingOccurrences(of: "eccta_2023_ss188_189", with: "dpa_2018_sch2_para2"))
                #expect(try await harness.waitUntilTasked(telcoReferral))
                let bankReferral = try await servers.submit(bank, Fixtures.bank)
                let embargoed = try await servers.submit(bank, TAXIIClientTests.secondBankReferral)
                for id in [bankReferral, embargoed] { #expect(try await harness.waitUntilTasked(id)) }
                #expect(try await harness.waitUntilIdle())

                let ftc = try await harness.agencyToken("COLP_FTC")
                let tasking = try #require(try await harness.taskingID(agency: ftc, referral: bankReferral))
                #expect(try await harness.recordOutcome(agency: ftc, tasking: tasking, PipelineHarness.disruptedOutcome).status == 201)
                let reportFraud = try await harness.agencyToken("REPORT_FRAUD")
                let embargoedTasking = try #require(try await harness.taskingID(agency: reportFraud, referral: embargoed))
                let until = Timestamp.format(Date().addingTimeInterval(2 * 86_400))
                let outcome = #"{"kind": "disrupted", "embargo_until": "\#(until)", "disruptions": [{"kind": "block_number", "indicator_key": "\#(TAXIIClientTests.secondPhoneKey)"}]}"#
                #expect(try await harness.recordOutcome(agency: reportFraud, tasking: embargoedTasking, outcome).status == 201)
                #expect(try await harness.eventually {
                    try await harness.count("SELECT count(*) FROM feedback_items WHERE partner_id = $1", bank.id) == 2
                })

                let phone = STIXObjectID.make("indicator", name: Fixtures.phoneKey)
                let iban = STIXObjectID.make("indicator", name: "iban:GB29NWBK60161331926819")
                // The feed shows rows once every older transaction in the shared cluster has ended.
                for partner in [telco, otherTelco, bank, otherBank] {
                    _ = try await TAXIIRouteTests.pageAll(servers, partner, .sector, limit: 10, expecting: 3)
                }
                for (partner, expected) in [(telco, phone), (otherTelco, phone), (bank, iban), (otherBank, iban)] {
                    let pulled = try await TAXIIClientTests.pull(servers, partner, .sector, perPage: 1, addedAfter: start)
                    #expect(pulled.pages == [1, 1, 1], "\(partner.id)")
                    #expect(pulled.invalid.isEmpty, "\(pulled.invalid)")
                    #expect(pulled.manifest == 3)
                    #expect(pulled.objects.filter { $0.type == "indicator" }.map(\.id) == [expected], "\(partner.id)")
                    #expect(!pulled.objects.contains { $0.pattern?.contains("+447700900456") == true }, "the embargoed number is nowhere")
                }
                let nothing = try await TAXIIClientTests.pull(servers, shop, .sector, perPage: 5, addedAfter: start)
                #expect(nothing.objects.isEmpty && nothing.invalid.isEmpty)
            }
        }
    }
}
