import Foundation
import HTTP
import Postgres
import Testing

@Suite("POST /v1/referrals")
struct SubmitTests {
    @Test("a valid referral is stored with its indicators, audit record and enrichment job")
    func created() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let response = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                                 body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-1")))
            #expect(response.status == .created)
            let body = ReferralFixtures.json(response)
            let id = try #require(body["id"] as? String)
            #expect((body["reference"] as? String)?.wholeMatch(of: /OCC-\d{4}-\d{6}/) != nil)
            #expect(body["status"] as? String == "received")
            #expect(response.headers["Location"] == "/v1/referrals/\(id)")
            #expect(try await harness.counts() == StoredCounts(referrals: 1, indicators: 2, audits: 1, jobs: 1))

            let job = try #require(try await harness.inspector.query(PostgresQuery(
                "test_job", "SELECT queue, args->>'referral_id' AS referral, metadata->>'trace_id' AS trace FROM occ_jobs")).single)
            #expect(try job.decode(String.self, "queue") == "enrichment")
            #expect(try job.decode(String.self, "referral").lowercased() == id)
            #expect(try job.decode(String.self, "trace") == response.headers["X-Request-Id"])

            let indicator = try #require(try await harness.inspector.query(PostgresQuery(
                "test_indicator", "SELECT value, canonical_value, partner_id FROM referral_indicators WHERE kind = 'phone'")).single)
            #expect(try indicator.decode(String.self, "value") == "07700 900123")
            #expect(try indicator.decode(String.self, "canonical_value") == "+447700900123")
            #expect(try indicator.decode(Int64.self, "partner_id") == harness.partner.id)
            let loss = try #require(try await harness.inspector.query(PostgresQuery(
                "test_loss", "SELECT loss_amount::text AS amount, tlp, source_eval FROM referrals")).single)
            #expect(try loss.decode(String.self, "amount") == "1250.5000")
            #expect(try loss.decode(String.self, "tlp") == "AMBER")
        }
    }

    @Test("the same reference and content again is a 200 replay that stores nothing new")
    func replay() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let referral = ReferralFixtures.valid(reference: "TEL-REPLAY")
            let first = try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: ReferralFixtures.bytes(referral))
            #expect(first.status == .created)
            let before = try await harness.counts()
            // The same content written differently (another phone spelling) is still the same referral.
            var respelled = referral
            respelled["indicators"] = [
                ["kind": "phone", "value": "+44 7700 900123"],
                ["kind": "uk_bank_account", "sort_code": "123456", "account_number": "98765432"],
            ]
            let second = try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: ReferralFixtures.bytes(respelled))
            #expect(second.status == .ok)
            #expect(ReferralFixtures.json(second)["id"] as? String == ReferralFixtures.json(first)["id"] as? String)
            #expect(try await harness.counts() == before)
        }
    }

    @Test("the same reference with different content is a 409 that stores nothing")
    func conflict() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            _ = try await client.send(.post, "/v1/referrals", headers: harness.headers(),
                                      body: ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-C")))
            let before = try await harness.counts()
            let changed = ReferralFixtures.valid(reference: "TEL-C", summary: "A different story about the same reference")
            let response = try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: ReferralFixtures.bytes(changed))
            #expect(response.status == .conflict)
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(ReferralFixtures.problemFields(response) == ["partner_reference"])
            #expect(try await harness.counts() == before)
        }
    }

    @Test("every validation problem is reported at once with field paths, and nothing is stored")
    func invalid() async throws {
        try await IntakeHarness.with { harness in
            var referral = ReferralFixtures.valid()
            referral["crime_type"] = "fraud.nonsense"
            referral["gateway"] = nil
            referral["victims"] = ["count": "twelve"]
            referral["indicators"] = [
                ["kind": "phone", "value": "07700 900123"],
                ["kind": "url", "value": "https://ok.example.com/"],
                ["kind": "iban", "value": "GB00WEST12345698765432"],
            ]
            let response = try await harness.client().send(.post, "/v1/referrals", headers: harness.headers(),
                                                           body: ReferralFixtures.bytes(referral))
            #expect(response.status == .unprocessableContent)
            let fields = Set(ReferralFixtures.problemFields(response))
            #expect(fields.isSuperset(of: ["crime_type", "gateway", "victims.count", "indicators[2].value"]))
            #expect(try await harness.counts() == StoredCounts(referrals: 0, indicators: 0, audits: 0, jobs: 0))
        }
    }

    @Test("a body that is not JSON is a 400; a non-JSON content type is a 415; nothing is stored",
          arguments: [("{\"partner_reference\": ", "application/json", 400), ("", "application/json", 400),
                      ("{\"partner_reference\": \"A\", \"partner_reference\": \"B\"}", "application/json", 400),
                      ("partner_reference=1", "application/x-www-form-urlencoded", 415)])
    func malformed(body: String, contentType: String, status: Int) async throws {
        try await IntakeHarness.with { harness in
            let response = try await harness.client().send(.post, "/v1/referrals", headers: harness.headers(contentType: contentType),
                                                           body: Array(body.utf8))
            #expect(response.status.code == status)
            #expect(response.headers["Content-Type"] == "application/problem+json")
            if body.contains("\"B\"") {
                #expect(String(decoding: response.body, as: UTF8.self).contains("a member name repeats in one object at byte"))
            }
            #expect(try await harness.counts() == StoredCounts(referrals: 0, indicators: 0, audits: 0, jobs: 0))
        }
    }
}
