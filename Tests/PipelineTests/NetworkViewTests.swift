import Foundation
import Postgres
import Testing

@Suite("Tasking: the network view for a tasked team", .serialized)
struct NetworkViewTests {
    @Test("a tasked team reads its network's referrals, indicators and timeline; another team gets 404; the read is audited")
    func networkView() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let network = try await harness.count("SELECT network_id FROM network_members WHERE referral_id = $1", scenario.telcoReferral)
            let router = harness.tasking.router
            let ftc = try await harness.officer("COLP_FTC")
            let read = try await harness.call(router, .get, "/v1/networks/\(network)", token: ftc.token, purpose: "reviewing the network")
            #expect(read.status == 200)
            #expect(read.json["id"]?.intValue == network)
            #expect(read.json["partner_count"]?.intValue == 2)
            #expect(Set(read.json["referrals"]?.strings("referral_id") ?? []) == Set(
                [scenario.telcoReferral, scenario.bankReferral].map(\.lowercased)))
            #expect(read.json["withheld_referrals"]?.intValue == 0)
            let indicators = Set(read.json["indicators"]?.strings("key") ?? [])
            #expect(indicators.isSuperset(of: [Fixtures.phoneKey, Fixtures.accountKey]))
            #expect(read.json["timeline"]?.strings("event").filter { $0 == "tasked to you" }.count == 2)
            #expect(try await harness.count(
                "SELECT count(*) FROM audit_log WHERE action = 'network.read' AND subject_id = $1", String(network)) == 1)

            let ticat = try await harness.officer("NCA_TICAT")
            #expect(try await harness.call(router, .get, "/v1/networks/\(network)", token: ticat.token, purpose: "curious").status == 404)

            // A RED-marked cyber referral on the same number joins: TICAT is tasked with it.
            let red = try await harness.submit(scenario.cyber, Fixtures.referral(
                "RED-1", crimeType: "cyber.extortion", summary: "Extortion calls", indicators: #"{"kind": "phone", "value": "07700 900123"}"#,
                tlp: "RED"))
            #expect(try await harness.waitUntilTasked(red))
            #expect(try await harness.waitUntilIdle())
            let ftcAgain = try await harness.call(router, .get, "/v1/networks/\(network)", token: ftc.token, purpose: "reviewing the network")
            #expect(ftcAgain.json["withheld_referrals"]?.intValue == 1)
            #expect(ftcAgain.json["referrals"]?.arrayValue?.count == 2)
            let ticatView = try await harness.call(router, .get, "/v1/networks/\(network)", token: ticat.token, purpose: "triage of RED-1")
            #expect(ticatView.status == 200)
            // TICAT sees its own referral in full, the FTC's two only by crime type and marking.
            #expect(ticatView.json["referrals"]?.strings("referral_id") == [red.lowercased])
            #expect(ticatView.json["referrals"]?.strings("crime_type").count == 3)
            #expect(ticatView.json["referrals"]?.strings("reference").count == 1)
            #expect(try await harness.call(router, .get, "/v1/networks/\(network)", token: ftc.token).status == 400)
            #expect(try await harness.call(router, .get, "/v1/networks/nope", token: ftc.token, purpose: "reviewing").status == 404)
        }
    }
}
