import Foundation
import HTTP
import Testing

@Suite("POST /v1/stix")
struct STIXTests {
    /// The bundle written by Fixtures/make_stix_bundle.py with the OASIS `stix2` library.
    static func fixture() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/stix-bundle.json")
        return Array(try Data(contentsOf: url))
    }

    @Test("a bundle made by the stix2 library becomes a stored referral; sending it again is a replay")
    func bundle() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let response = try await client.send(.post, "/v1/stix", headers: harness.headers(), body: try Self.fixture())
            #expect(response.status == .created, "\(response.text)")
            let results = ReferralFixtures.json(response)["results"] as? [[String: Any]] ?? []
            #expect(results.count == 1)
            #expect(results.first?["partner_reference"] as? String == "TEL-STIX-0001")
            let id = try #require(results.first?["id"] as? String)
            let view = ReferralFixtures.json(try await client.get("/v1/referrals/\(id)", headers: harness.headers()))
            #expect(view["channel"] as? String == "stix")
            let referral = view["referral"] as? [String: Any] ?? [:]
            #expect(referral["crime_type"] as? String == "fraud.phishing")
            let kinds = Set((referral["indicators"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
            #expect(kinds == ["url", "phone", "uk_bank_account", "domain"])
            #expect(try await harness.counts() == StoredCounts(referrals: 1, indicators: 4, audits: 1, jobs: 1))

            let again = try await client.send(.post, "/v1/stix", headers: harness.headers(), body: try Self.fixture())
            #expect(again.status == .ok)
            #expect(try await harness.counts().referrals == 1)
        }
    }

    @Test("problems are reported against bundle paths and nothing is stored")
    func invalid() async throws {
        try await IntakeHarness.with { harness in
            var bundle = try #require(try JSONSerialization.jsonObject(with: Data(try Self.fixture())) as? [String: Any])
            var objects = try #require(bundle["objects"] as? [[String: Any]])
            let reportIndex = try #require(objects.firstIndex { $0["type"] as? String == "report" })
            objects[reportIndex]["x_occ_crime_type"] = "fraud.unheard_of"
            let phoneIndex = try #require(objects.firstIndex { $0["type"] as? String == "x-occ-phone-number" })
            objects[phoneIndex]["value"] = "not a phone"
            bundle["objects"] = objects
            let response = try await harness.client().send(.post, "/v1/stix", headers: harness.headers(), body: ReferralFixtures.bytes(bundle))
            #expect(response.status == .unprocessableContent)
            let fields = Set(ReferralFixtures.problemFields(response))
            #expect(fields.contains("objects[\(reportIndex)].x_occ_crime_type"))
            #expect(fields.contains { $0.hasPrefix("objects[\(phoneIndex)]") })
            #expect(try await harness.counts().referrals == 0)
        }
    }
}
