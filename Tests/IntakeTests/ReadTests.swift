import Foundation
import HTTP
import Postgres
import Testing
import TestSupport

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
        try await IntakeHarness.with(server: .feeds) { harness in
            let client = harness.client()
            let (_, otherKey) = try await harness.otherPartner()
            _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(otherKey),
                                      body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "BANK-1")))
            for index in 1...5 {
                let created = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                                    body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-\(index)")))
                #expect(created.status == .created, "TEL-\(index): \(created.text)")
            }
            // A poller keeps its cursor and asks again: an empty page means "nothing visible yet"
            // (an item appears once every older transaction in the cluster has ended, and other
            // tests share the cluster), so it polls until all five arrived or a generous bound passes.
            var seen: [String] = []
            var cursor: String?
            // (60 s was not enough under ThreadSanitizer, with other suites' transactions open.)
            let deadline = ContinuousClock.now + TestTime.scaled(.seconds(120))
            while seen.count < 5, ContinuousClock.now < deadline {
                let query = cursor.map { "?limit=2&cursor=\($0)" } ?? "?limit=2"
                let page = try await client.get("/v1/referrals\(query)", headers: harness.headers())
                #expect(page.status == .ok)
                let body = ReferralFixtures.json(page)
                let references = (body["referrals"] as? [[String: Any]] ?? []).compactMap { $0["partner_reference"] as? String }
                seen += references
                cursor = try #require(body["next_cursor"] as? String)
                if references.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            let stored = try await harness.inspector.query(PostgresQuery(
                "test_feed_positions", "SELECT partner_reference || ' ' || feed_xid::text || ' ' || feed_seq FROM referrals ORDER BY feed_xid, feed_seq"))
            let positions = try stored.map { try $0.decode(String.self, at: 0) }
            #expect(seen == ["TEL-1", "TEL-2", "TEL-3", "TEL-4", "TEL-5"], "stored: \(positions)")
            // The last cursor keeps its place: a later referral is the next page.
            _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                      body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-6")))
            var later: [String] = []
            while later.isEmpty, ContinuousClock.now < deadline + TestTime.scaled(.seconds(60)) {
                let page = ReferralFixtures.json(try await client.get("/v1/referrals?cursor=\(cursor ?? "")", headers: harness.headers()))
                later = (page["referrals"] as? [[String: Any]] ?? []).compactMap { $0["partner_reference"] as? String }
                if later.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(later == ["TEL-6"])
        }
    }

    @Test("bad paging parameters are a 400 naming the parameter, never a 500; a far offset in since is fine")
    func badParameters() async throws {
        let queries = [
            "limit=0", "limit=5000", "limit=x", "since=yesterday", "since=2026-02-30T00:00:00Z", "since=0000-01-01T00:00:00Z",
            "since=2026-01-01T00:00:00%2B24:00", "since=2026-06-30T23:59:60Z", "cursor=junk", "cursor=",
            // A feedback cursor (base64url of "feedback.0.0") is not a referrals cursor.
            "cursor=ZmVlZGJhY2suMC4w",
        ]
        try await IntakeHarness.with { harness in
            let client = harness.client()
            for query in queries {
                let response = try await client.get("/v1/referrals?\(query)", headers: harness.headers())
                #expect(response.status == .badRequest, "\(query)")
                #expect(ReferralFixtures.problemFields(response) == [String(query.prefix { $0 != "=" })], "\(query)")
            }
            #expect(try await client.get("/v1/referrals?since=2026-01-01T00:00:00%2B16:00", headers: harness.headers()).status == .ok)
        }
    }
}
