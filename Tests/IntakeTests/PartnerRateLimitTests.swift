import Domain
import Foundation
import HTTP
import Runtime
import ServiceKit
import Testing
import TestSupport

@Suite("intake: per-partner request rate limit")
struct PartnerRateLimitTests {
    @Test("past its burst a partner gets 429 with Retry-After and nothing stored; another partner is unaffected; after Retry-After it succeeds")
    func limited() async throws {
        // The buckets' clock stands still until the test moves it, so the counts are exact
        // however slowly the machine serves the requests.
        let clock = ManualClock()
        try await IntakeHarness.with(rateLimit: PartnerRateLimit(rate: 1, burst: 3, clock: { clock.now() })) { harness in
            let client = harness.client()
            let checker = try OpenAPIChecker(try await client.get("/openapi.json").body)
            func submit(_ reference: String, key: APIKey? = nil) async throws -> ClientResponse {
                try await client.send(.post, "/v1/referrals", headers: harness.headers(key),
                                      body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: reference)))
            }
            var responses: [ClientResponse] = []
            for n in 0..<10 { responses.append(try await submit("TEL-RL-\(n)")) }
            #expect(responses.map(\.status.code) == [201, 201, 201] + Array(repeating: 429, count: 7))
            for response in responses.dropFirst(3) {
                #expect(response.headers["Content-Type"] == Problem.contentType)
                // One token a second: the next is a second away.
                #expect(response.headers["Retry-After"] == "1")
                #expect(checker.problems(response, method: "POST", path: "/v1/referrals") == [])
            }
            // Nothing of a refused request was stored.
            #expect(try await harness.counts() == StoredCounts(referrals: 3, indicators: 6, audits: 3, jobs: 3))

            // Another partner draws on its own bucket.
            let (_, otherKey) = try await harness.otherPartner()
            #expect(try await submit("BANK-RL-1", key: otherKey).status == .created)

            // Once Retry-After has passed, one more request (one token's worth) is accepted.
            clock.advance(by: .seconds(Int(responses.last?.headers["Retry-After"] ?? "") ?? 1))
            #expect(try await submit("TEL-RL-AGAIN").status == .created)
            #expect(try await submit("TEL-RL-AGAIN-2").status == .tooManyRequests)
            #expect(try await harness.counts().referrals == 5)
            await client.close()
        }
    }

    @Test("an unauthenticated request is a 401, not counted against anyone")
    func unauthenticatedIsNotCounted() async throws {
        let clock = ManualClock()
        try await IntakeHarness.with(rateLimit: PartnerRateLimit(rate: 1, burst: 1, clock: { clock.now() })) { harness in
            let client = harness.client()
            for _ in 0..<5 {
                let response = try await client.send(.get, "/v1/referrals", headers: ["Authorization": "Bearer occ_1_nonsense"])
                #expect(response.status == .unauthorized)
            }
            // The partner's single token is still there, and then spent.
            #expect(try await client.send(.get, "/v1/referrals", headers: harness.headers()).status == .ok)
            #expect(try await client.send(.get, "/v1/referrals", headers: harness.headers()).status == .tooManyRequests)
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
