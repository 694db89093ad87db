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

    /// A conforming bundle with a report citing one url SCO; `change` breaks one thing.
    static func strictBundle(
        withReport: Bool = true, _ change: (inout [String: Any], inout [String: Any], inout [String: Any]) -> Void = { _, _, _ in }
    ) -> [String: Any] {
        let urlID = "url--0c4d3a1c-6a0e-5d2c-8b8f-3d4b1e0f5a11"
        var bundle: [String: Any] = ["type": "bundle", "id": "bundle--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10"]
        var report: [String: Any] = [
            "type": "report", "spec_version": "2.1", "id": "report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
            "created": "2026-02-10T09:00:00.000Z", "modified": "2026-02-10T09:00:00.000Z", "published": "2026-02-10T09:00:00Z",
            "name": "Phishing site", "object_refs": [urlID],
            "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],
            "x_occ_crime_type": "fraud.phishing", "x_occ_gateway": "cca_2013_s7",
            "x_occ_source_evaluation": 2, "x_occ_intelligence_assessment": "B", "x_occ_handling_code": "P",
        ]
        var url: [String: Any] = ["type": "url", "spec_version": "2.1", "id": urlID, "value": "https://phish.example.com/login"]
        change(&bundle, &report, &url)
        bundle["objects"] = withReport ? [report, url] : [url]
        return bundle
    }

    @Test("each bundle the STIX specification rejects is a 422 at the fault, with nothing stored")
    func specificationViolations() async throws {
        let cases: [(String, String, (inout [String: Any], inout [String: Any], inout [String: Any]) -> Void)] = [
            ("bundle--not-a-uuid", "id", { bundle, _, _ in bundle["id"] = "bundle--not-a-uuid" }),
            ("report-- prefix on the bundle id", "id", { bundle, _, _ in bundle["id"] = "report--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10" }),
            ("url--1234", "objects[1].id", { _, report, url in
                url["id"] = "url--1234"
                report["object_refs"] = ["url--1234"]
            }),
            ("url SCO with a domain-name-- id", "objects[1].id", { _, report, url in
                url["id"] = "domain-name--0c4d3a1c-6a0e-5d2c-8b8f-3d4b1e0f5a11"
                report["object_refs"] = ["domain-name--0c4d3a1c-6a0e-5d2c-8b8f-3d4b1e0f5a11"]
            }),
            ("report without spec_version", "objects[0].spec_version", { _, report, _ in report["spec_version"] = nil }),
            ("report without created", "objects[0].created", { _, report, _ in report["created"] = nil }),
            ("created: yesterday", "objects[0].created", { _, report, _ in report["created"] = "yesterday" }),
        ]
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let good = try await client.send(.post, "/v1/stix", headers: harness.headers(), body: ReferralFixtures.bytes(Self.strictBundle()))
            #expect(good.status == .created, "\(good.text)")
            let before = try await harness.counts()
            for (name, field, change) in cases {
                var bundle = Self.strictBundle(change)
                // A new report id and reference each time, so only the fault can stop it.
                bundle["objects"] = (bundle["objects"] as? [[String: Any]] ?? []).map { object in
                    var object = object
                    if object["type"] as? String == "report" { object["x_occ_partner_reference"] = "STRICT-\(name)" }
                    return object
                }
                let response = try await client.send(.post, "/v1/stix", headers: harness.headers(), body: ReferralFixtures.bytes(bundle))
                #expect(response.status == .unprocessableContent, "\(name): \(response.text)")
                #expect(ReferralFixtures.problemFields(response).contains(field), "\(name): \(response.text)")
            }
            #expect(try await harness.counts() == before)
        }
    }

    @Test("a bundle without a report takes crime type, gateway and markings from the query; without them, a 422 names each parameter")
    func bundleWithoutReport() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let body = ReferralFixtures.bytes(Self.strictBundle(withReport: false))
            let missing = try await client.send(.post, "/v1/stix", headers: harness.headers(), body: body)
            #expect(missing.status == .unprocessableContent)
            #expect(ReferralFixtures.problemFields(missing) == [
                "crime_type", "gateway", "tlp", "source_evaluation", "intelligence_assessment", "handling_code",
            ])
            let badGrade = try await client.send(.post, "/v1/stix?source_evaluation=two", headers: harness.headers(), body: body)
            #expect(badGrade.status == .badRequest)
            #expect(ReferralFixtures.problemFields(badGrade) == ["source_evaluation"])
            #expect(try await harness.counts().referrals == 0)

            let query = "crime_type=fraud.phishing&gateway=cca_2013_s7&tlp=AMBER&source_evaluation=2&intelligence_assessment=B&handling_code=P"
            let stored = try await client.send(.post, "/v1/stix?\(query)", headers: harness.headers(), body: body)
            #expect(stored.status == .created, "\(stored.text)")
            let result = try #require((ReferralFixtures.json(stored)["results"] as? [[String: Any]])?.first)
            #expect(result["partner_reference"] as? String == "bundle--6f0b3e32-2c55-4e0c-a1c3-2d5c7f3e9b10")
            let id = try #require(result["id"] as? String)
            let referral = ReferralFixtures.json(try await client.get("/v1/referrals/\(id)", headers: harness.headers()))["referral"] as? [String: Any]
            #expect(referral?["crime_type"] as? String == "fraud.phishing")
            #expect((referral?["markings"] as? [String: Any])?["tlp"] as? String == "AMBER")
        }
    }
}
