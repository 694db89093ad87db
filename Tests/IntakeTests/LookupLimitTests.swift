import Foundation
import HTTP
import Postgres
import Testing

/// The lookup's limits at the HTTP surface: values per request (400), indicator syntax (422) and
/// the per-partner rate (429 with `Retry-After`). What lookups answer is tested with the real
/// enrichment worker in PipelineTests.
@Suite("POST /v1/lookups limits")
struct LookupLimitTests {
    static func body(_ count: Int) -> [UInt8] {
        let indicators = (0..<count).map { ["kind": "phone", "value": "07700 90012\($0)"] }
        return ReferralFixtures.bytes(["indicators": indicators])
    }

    @Test("more values than the policy allows is a 400 naming indicators; a bad value a 422 at its path")
    func valueLimits() async throws {
        try await IntakeHarness.with { harness in
            _ = try await harness.inspector.query(PostgresQuery("test_policy", "UPDATE lookup_policy SET max_values = 3"))
            let client = harness.client()
            let tooMany = try await client.send(.post, "/v1/lookups", headers: harness.headers(), body: Self.body(4))
            #expect(tooMany.status == .badRequest)
            #expect(ReferralFixtures.problemFields(tooMany) == ["indicators"])
            let invalid = try await client.send(
                .post, "/v1/lookups", headers: harness.headers(),
                body: ReferralFixtures.bytes(["indicators": [["kind": "phone", "value": "07700 900123"], ["kind": "ipv4", "value": "999.1.1.1"]]]))
            #expect(invalid.status == .unprocessableContent)
            #expect(ReferralFixtures.problemFields(invalid) == ["indicators[1].value"])
            let fine = try await client.send(.post, "/v1/lookups", headers: harness.headers(), body: Self.body(3))
            #expect(fine.status == .ok)
            let results = ReferralFixtures.json(fine)["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["known"] as? Bool } == [false, false, false])
            // Only the answered lookup is audited.
            let audited = try await harness.inspector.query(PostgresQuery(
                "test_lookup_audits", "SELECT count(*) FROM audit_log WHERE action = 'lookup.answered'")).single?.decode(Int.self, at: 0)
            #expect(audited == 1)
        }
    }

    @Test("past the per-minute limit a partner gets 429 with Retry-After; another partner is unaffected")
    func rateLimit() async throws {
        try await IntakeHarness.with { harness in
            _ = try await harness.inspector.query(PostgresQuery("test_policy", "UPDATE lookup_policy SET requests_per_minute = 2"))
            let client = harness.client()
            var statuses: [HTTPStatus] = []
            var retryAfter: Int?
            // Three requests inside one clock minute; should a minute boundary fall between them, start again.
            for _ in 0..<3 where statuses != [.ok, .ok, .tooManyRequests] {
                _ = try await harness.inspector.query(PostgresQuery("test_reset_usage", "DELETE FROM lookup_usage"))
                statuses = []
                for _ in 0..<3 {
                    let response = try await client.send(.post, "/v1/lookups", headers: harness.headers(), body: Self.body(1))
                    statuses.append(response.status)
                    retryAfter = response.headers["Retry-After"].flatMap { Int($0) }
                }
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests])
            #expect(retryAfter.map { (1...60).contains($0) } == true)

            let (_, otherKey) = try await harness.otherPartner()
            let other = try await client.send(.post, "/v1/lookups", headers: harness.headers(otherKey), body: Self.body(1))
            #expect(other.status == .ok)
        }
    }
}
