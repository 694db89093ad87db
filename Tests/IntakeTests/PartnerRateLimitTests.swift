import Foundation
import HTTP
import Runtime
import ServiceKit
import Testing
import TestSupport

@Suite("intake: per-partner request rate limit")
struct PartnerRateLimitTests {
    /// One token a second, three at once. The burst is 20 requests: even at a second per request
    /// (far slower than any machine here) refilling could admit at most as many as were refused,
    /// so some are refused whatever the load; the test counts, it does not time.
    static let limit = PartnerRateLimit(rate: 1, burst: 3)

    @Test("past its burst a partner gets 429 with Retry-After and nothing stored; another partner is unaffected; after Retry-After it succeeds")
    func limited() async throws {
        try await IntakeHarness.with(rateLimit: Self.limit) { harness in
            let client = harness.client()
            let checker = try OpenAPIChecker(try await client.get("/openapi.json").body)
            var created = 0, refused: [ClientResponse] = []
            for n in 0..<20 {
                let response = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                                     body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-RL-\(n)")))
                if response.status == .created { created += 1 } else { refused.append(response) }
            }
            #expect(created >= 3, "the burst is admitted")
            #expect(!refused.isEmpty)
            #expect(created + refused.count == 20)
            for response in refused {
                #expect(response.status == .tooManyRequests)
                #expect(response.headers["Content-Type"] == Problem.contentType)
                // One token a second: never more than a second away, never less than one whole second.
                #expect(response.headers["Retry-After"] == "1")
                #expect(checker.problems(response, method: "POST", path: "/v1/referrals") == [])
            }
            // Nothing of a refused request was stored.
            #expect(try await harness.counts() == StoredCounts(referrals: created, indicators: 2 * created, audits: created, jobs: created))

            // Another partner draws on its own bucket.
            let (_, otherKey) = try await harness.otherPartner()
            let other = try await client.send(.post, "/v1/referrals", headers: harness.headers(otherKey),
                                              body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "BANK-RL-1")))
            #expect(other.status == .created)

            // Retry-After is rounded up and refused requests take no token, so waiting it from the
            // last refusal always finds one (waiting longer, on a slow machine, only adds tokens).
            let wait = Int(refused.last?.headers["Retry-After"] ?? "") ?? 1
            try await Task.sleep(for: .seconds(wait))
            let again = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                              body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-RL-AGAIN")))
            #expect(again.status == .created)
            #expect(try await harness.counts().referrals == created + 2)
            await client.close()
        }
    }

    @Test("an unauthenticated request is a 401, not counted against anyone")
    func unauthenticatedIsNotCounted() async throws {
        try await IntakeHarness.with(rateLimit: PartnerRateLimit(rate: 1, burst: 1)) { harness in
            let client = harness.client()
            for _ in 0..<5 {
                let response = try await client.send(.get, "/v1/referrals", headers: ["Authorization": "Bearer occ_1_nonsense"])
                #expect(response.status == .unauthorized)
            }
            // The partner's single token is still there.
            #expect(try await client.send(.get, "/v1/referrals", headers: harness.headers()).status == .ok)
            await client.close()
        }
    }

    @Test("the settings: defaults, 0 turns the limit off, bad values name the variable")
    func settings() throws {
        let defaults = try PartnerRateLimit(config: Config([:]))
        #expect(defaults.rate == PartnerRateLimit.defaultRate && defaults.burst == PartnerRateLimit.defaultRate)
        #expect(defaults.middleware() != nil)
        let set = try PartnerRateLimit(config: Config(["PARTNER_RATE_LIMIT": "20", "PARTNER_RATE_BURST": "50"]))
        #expect(set.rate == 20 && set.burst == 50)
        #expect(try PartnerRateLimit(config: Config(["PARTNER_RATE_LIMIT": "20"])).burst == 20)
        #expect(try PartnerRateLimit(config: Config(["PARTNER_RATE_LIMIT": "0"])).middleware() == nil)
        #expect(throws: ConfigError.self) { try PartnerRateLimit(config: Config(["PARTNER_RATE_LIMIT": "-1"])) }
        #expect(throws: ConfigError.self) { try PartnerRateLimit(config: Config(["PARTNER_RATE_BURST": "0"])) }
    }
}
