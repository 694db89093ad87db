import HTTP
import ServiceKit
import Testing

@Suite("API keys")
struct AuthTests {
    @Test("no key, a malformed key, an unknown key and a wrong secret are all 401")
    func unauthenticated() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let wrongSecret = "occ_\(harness.key.id)_" + String(repeating: "0", count: 64)
            for authorization in [nil, "Bearer nonsense", "Bearer occ_unknown1_" + String(repeating: "a", count: 64), "Bearer " + wrongSecret,
                                  "Basic " + harness.key.token] {
                var headers = harness.headers()
                headers["Authorization"] = authorization
                let response = try await client.send(.post, "/v1/referrals", headers: headers,
                                                     body: ReferralFixtures.bytes(ReferralFixtures.valid()))
                #expect(response.status == .unauthorized, "\(authorization ?? "none")")
                #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
            }
            #expect(try await harness.counts().referrals == 0)
        }
    }

    @Test("a revoked key is refused on its next request")
    func revoked() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            #expect(try await client.get("/v1/referrals", headers: harness.headers()).status == .ok)
            try await APIKeyRegistry(pool: harness.inspector).revoke(id: harness.key.id)
            #expect(try await client.get("/v1/referrals", headers: harness.headers()).status == .unauthorized)
        }
    }

    @Test("a key without partner:submit is 403, and so is a submit key that belongs to no partner")
    func forbidden() async throws {
        try await IntakeHarness.with { harness in
            let registry = APIKeyRegistry(pool: harness.inspector)
            let feedbackOnly = try await registry.issue(owner: .partner(id: harness.partner.id), scopes: [.partnerFeedback])
            let agency = try await registry.issue(owner: .agency(code: "NCA_TICAT"), scopes: [.partnerSubmit])
            let client = harness.client()
            for key in [feedbackOnly, agency] {
                let response = try await client.send(.post, "/v1/referrals", headers: harness.headers(key),
                                                     body: ReferralFixtures.bytes(ReferralFixtures.valid()))
                #expect(response.status == .forbidden)
            }
            #expect(try await harness.counts().referrals == 0)
        }
    }
}
