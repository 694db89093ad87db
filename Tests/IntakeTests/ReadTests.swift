import Foundation
import HTTP
import Testing

@Suite("GET /v1/referrals")
struct ReadTests {
    @Test("a partner reads its own referral; another partner's id and unknown ids are 404")
    func show() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let created = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                                body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-READ")))
            let id = try #require(ReferralFixtures.json(created)["id"] as? String)
            let own = try await client.get("/v1/referrals/\(id)", headers: harness.headers())
            #expect(own.status == .ok)
            let body = ReferralFixtures.json(own)
            #expect(body["partner_reference"] as? String == "TEL-READ")
            #expect(body["channel"] as? String == "json")
            let indicators = (body["referral"] as? [String: Any])?["indicators"] as? [[String: Any]]
            #expect(indicators?.first?["value"] as? String == "+447700900123")

            let (_, otherKey) = try await harness.otherPartner()
            #expect(try await client.get("/v1/referrals/\(id)", headers: harness.headers(otherKey)).status == .notFound)
            #expect(try await client.get("/v1/referrals/\(UUID())", headers: harness.headers()).status == .notFound)
            #expect(try await client.get("/v1/referrals/not-a-uuid", headers: harness.headers()).status == .notFound)
        }
    }

    @Test("listing pages through the partner's own referrals in order, and no one else's")
    func list() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let (_, otherKey) = try await harness.otherPartner()
            _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(otherKey),
                                      body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "BANK-1")))
            for index in 1...5 {
                _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                          body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-\(index)")))
            }
            var seen: [String] = []
            var since: String?
            repeat {
                let query = since.map { "?limit=2&since=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? "?limit=2"
                let page = try await client.get("/v1/referrals\(query)", headers: harness.headers())
                #expect(page.status == .ok)
                let body = ReferralFixtures.json(page)
                seen += (body["referrals"] as? [[String: Any]] ?? []).compactMap { $0["partner_reference"] as? String }
                since = body["next_since"] as? String
            } while since != nil && seen.count < 10
            #expect(seen == ["TEL-1", "TEL-2", "TEL-3", "TEL-4", "TEL-5"])
        }
    }

    @Test("bad paging parameters are a 400 naming the parameter", arguments: ["?limit=0", "?limit=5000", "?limit=x", "?since=yesterday"])
    func badParameters(query: String) async throws {
        try await IntakeHarness.with { harness in
            let response = try await harness.client().get("/v1/referrals\(query)", headers: harness.headers())
            #expect(response.status == .badRequest)
            #expect(ReferralFixtures.problemFields(response).count == 1)
        }
    }
}
