import Domain
import Foundation
import HTTP
import IntakeApp
import Postgres
import ServiceKit
import Testing

/// Intake refuses a referral whose lawful gateway the partner may not invoke, on every channel,
/// reading the registry and agreements at request time. The harness partner is a telco whose
/// default agreement (from registration) covers the gateways a telco may invoke.
@Suite("Lawful gateways at intake")
struct GatewayTests {
    /// Reads the registry on every request, so a test sees an edit at once (deployments keep it ~2 s).
    static var everyRequest: IntakeLimits {
        var limits = IntakeLimits()
        limits.registryTTL = .zero
        return limits
    }

    static func submit(_ harness: IntakeHarness, gateway: String, reference: String = "TEL-\(UUID().uuidString.prefix(8))") async throws -> ClientResponse {
        var referral = ReferralFixtures.valid(reference: reference)
        referral["gateway"] = gateway
        return try await harness.client().send(.post, "/v1/referrals", headers: harness.headers(), body: ReferralFixtures.bytes(referral))
    }

    static func gatewayMessages(_ response: ClientResponse) -> [String] {
        (ReferralFixtures.json(response)["errors"] as? [[String: Any]] ?? [])
            .filter { $0["field"] as? String == "gateway" }.compactMap { $0["message"] as? String }
    }

    @Test("a telco citing a gateway its agreement does not include gets a 422 naming gateway; nothing is stored")
    func notInAgreement() async throws {
        try await IntakeHarness.with(limits: Self.everyRequest) { harness in
            let agreements = AgreementRegistry(pool: harness.inspector)
            for agreement in try await agreements.list(partnerID: harness.partner.id) { _ = try await agreements.end(id: agreement.id) }
            _ = try await agreements.add(partnerID: harness.partner.id, reference: "DSA-7", gateways: ["dpa_2018_sch2_para2"])

            let refused = try await Self.submit(harness, gateway: "cca_2013_s7")
            #expect(refused.status == .unprocessableContent)
            #expect(Self.gatewayMessages(refused) == [
                "your data-sharing agreement does not include cca_2013_s7 (Crime and Courts Act 2013, s.7)"])
            #expect(try await harness.counts() == StoredCounts(referrals: 0, indicators: 0, audits: 0, jobs: 0))

            #expect(try await Self.submit(harness, gateway: "dpa_2018_sch2_para2").status == .created)
        }
    }

    @Test("a telco citing DPA 2018 Part 3 is refused whatever its agreement says: only public authorities invoke it")
    func notAnInvoker() async throws {
        try await IntakeHarness.with(limits: Self.everyRequest) { harness in
            // The registry refuses such an agreement too, so the gateway's invokers are the reason.
            await #expect(throws: RegistryRefusal.self) {
                try await AgreementRegistry(pool: harness.inspector).add(
                    partnerID: harness.partner.id, reference: "DSA-8", gateways: ["dpa_2018_part3"])
            }
            let refused = try await Self.submit(harness, gateway: "dpa_2018_part3")
            #expect(refused.status == .unprocessableContent)
            #expect(Self.gatewayMessages(refused) == [
                "a telco partner may not invoke dpa_2018_part3 (Data Protection Act 2018, Part 3): it may be invoked by public authorities"])
            let unknown = try await Self.submit(harness, gateway: "gdpr_art6")
            #expect(unknown.status == .unprocessableContent)
            #expect(Self.gatewayMessages(unknown).first?.hasPrefix("unknown gateway 'gdpr_art6'; expected one of cca_2013_s7, dpa_2018_part3") == true)
            #expect(try await harness.counts().referrals == 0)
        }
    }

    @Test("editing the registry and agreements changes what intake accepts, without a restart")
    func registryEditsApplyAtOnce() async throws {
        try await IntakeHarness.with(limits: Self.everyRequest) { harness in
            #expect(try await Self.submit(harness, gateway: "cca_2013_s7").status == .created)

            // A row edited in place: telcos are no longer invokers of s.7.
            _ = try await harness.inspector.query(PostgresQuery(
                "test_edit_gateway", "UPDATE lawful_gateways SET invoker_sectors = '{tech,cyber,finance}' WHERE code = 'cca_2013_s7'"))
            let edited = try await Self.submit(harness, gateway: "cca_2013_s7")
            #expect(Self.gatewayMessages(edited).first?.hasPrefix("a telco partner may not invoke cca_2013_s7") == true)

            // Retired with the registry's own command path.
            #expect(try await GatewayRegistry(pool: harness.inspector).retire("dpa_2018_sch2_para2") != nil)
            let retired = try await Self.submit(harness, gateway: "dpa_2018_sch2_para2")
            #expect(Self.gatewayMessages(retired) == [
                "gateway dpa_2018_sch2_para2 (Data Protection Act 2018, Schedule 2 paragraph 2) is retired and accepts no new referrals"])

            // A new gateway and an agreement naming it: accepted on the next request.
            let added = LawfulGateway(
                code: "test_gateway_2027", title: "Test gateway", citation: "Test Act 2027, s.1",
                invokers: GatewayInvokers(sectors: [.telco]), permittedAgencies: ["REPORT_FRAUD"], onwardDisclosure: "None.")
            #expect(try await GatewayRegistry(pool: harness.inspector).add(added) != nil)
            #expect(Self.gatewayMessages(try await Self.submit(harness, gateway: "test_gateway_2027")).first?
                .hasPrefix("your data-sharing agreement does not include test_gateway_2027") == true)
            _ = try await AgreementRegistry(pool: harness.inspector).add(
                partnerID: harness.partner.id, reference: "DSA-2027", gateways: ["test_gateway_2027"])
            #expect(try await Self.submit(harness, gateway: "test_gateway_2027").status == .created)
            #expect(try await harness.counts().referrals == 2)
            // Receiving a referral is a disclosure to the exchange: its audit event names the gateway.
            let received = try await harness.inspector.query(PostgresQuery("test_received_gateways", """
                SELECT string_agg(event::jsonb -> 'detail' ->> 'gateway', ',' ORDER BY id) FROM audit_log WHERE action = 'referral.received'
                """)).single?.decode(String.self, at: 0)
            #expect(received == "cca_2013_s7,test_gateway_2027")
        }
    }

    @Test("bulk lines and STIX bundles are refused on the gateway the same way, at their own paths")
    func bulkAndSTIX() async throws {
        try await IntakeHarness.with(limits: Self.everyRequest) { harness in
            var refused = ReferralFixtures.valid(reference: "TEL-BULK-1")
            refused["gateway"] = "dpa_2018_part3"
            let lines = [ReferralFixtures.line(refused), ReferralFixtures.line(ReferralFixtures.valid(reference: "TEL-BULK-2"))]
            let bulk = try await harness.client().send(
                .post, "/v1/referrals/bulk", headers: harness.headers(contentType: "application/x-ndjson"),
                body: Array(lines.joined(separator: "\n").utf8))
            let results = ReferralFixtures.json(bulk)["results"] as? [[String: Any]] ?? []
            #expect(results.compactMap { $0["status"] as? Int } == [422, 201])
            #expect((results.first?["errors"] as? [[String: Any]])?.first?["field"] as? String == "gateway")

            var bundle = try #require(try JSONSerialization.jsonObject(with: Data(try STIXTests.fixture())) as? [String: Any])
            var objects = try #require(bundle["objects"] as? [[String: Any]])
            let reportIndex = try #require(objects.firstIndex { $0["type"] as? String == "report" })
            objects[reportIndex]["x_occ_gateway"] = "sca_2007_s68"
            bundle["objects"] = objects
            let stix = try await harness.client().send(.post, "/v1/stix", headers: harness.headers(), body: ReferralFixtures.bytes(bundle))
            #expect(stix.status == .unprocessableContent)
            let errors = ReferralFixtures.json(stix)["errors"] as? [[String: Any]] ?? []
            #expect(errors.first?["field"] as? String == "objects[\(reportIndex)].x_occ_gateway")
            #expect((errors.first?["message"] as? String)?.contains("may be invoked by public authorities") == true)
            #expect(try await harness.counts().referrals == 1)
        }
    }
}
