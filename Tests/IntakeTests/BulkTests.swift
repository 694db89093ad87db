import Foundation
import HTTP
import Testing

@Suite("POST /v1/referrals/bulk")
struct BulkTests {
    @Test("each line gets its own result; bad lines never block good ones and store nothing")
    func mixed() async throws {
        try await IntakeHarness.with { harness in
            var invalid = ReferralFixtures.valid(reference: "TEL-BAD")
            invalid["indicators"] = [["kind": "ipv4", "value": "999.1.1.1"]]
            let lines = [
                ReferralFixtures.line(ReferralFixtures.valid(reference: "TEL-B1")),
                "{not json",
                "",
                ReferralFixtures.line(invalid),
                ReferralFixtures.line(ReferralFixtures.valid(reference: "TEL-B1")),
                ReferralFixtures.line(ReferralFixtures.valid(reference: "TEL-B1", summary: "Different content under a used reference")),
                ReferralFixtures.line(ReferralFixtures.valid(reference: "TEL-B2")),
            ]
            let response = try await harness.client().send(
                .post, "/v1/referrals/bulk", headers: harness.headers(contentType: "application/x-ndjson"),
                body: Array(lines.joined(separator: "\n").utf8))
            #expect(response.status == .ok)
            let body = ReferralFixtures.json(response)
            let results = body["results"] as? [[String: Any]] ?? []
            #expect(results.compactMap { $0["line"] as? Int } == [1, 2, 4, 5, 6, 7])
            #expect(results.compactMap { $0["status"] as? Int } == [201, 400, 422, 200, 409, 201])
            #expect((results[2]["errors"] as? [[String: Any]])?.first?["field"] as? String == "indicators[0].value")
            #expect(body["created"] as? Int == 2)
            #expect(body["rejected"] as? Int == 3)
            #expect(try await harness.counts() == StoredCounts(referrals: 2, indicators: 4, audits: 2, jobs: 2))
        }
    }
}
