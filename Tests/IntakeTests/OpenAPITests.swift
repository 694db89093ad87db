import Foundation
import HTTP
import Postgres
import TestSupport
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("the served document is byte-for-byte the committed docs/openapi/intake.json")
    func servedMatchesCommitted() async throws {
        try await IntakeHarness.with { harness in
            let served = try await harness.client().get("/openapi.json")
            #expect(served.status == .ok)
            let committed = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("docs/openapi/intake.json")
            #expect(served.body == Array(try Data(contentsOf: committed)))
            let document = try JSONSerialization.jsonObject(with: Data(served.body)) as? [String: Any]
            #expect(document?["openapi"] as? String == "3.1.0")
        }
    }

    @Test("responses of every endpoint, errors included, conform to the document")
    func responsesConform() async throws {
        try await IntakeHarness.with { harness in
            let client = harness.client()
            let checker = try OpenAPIChecker(try await client.get("/openapi.json").body)
            let referral = ReferralFixtures.bytes(ReferralFixtures.valid(reference: "TEL-DOC"))
            var exchanges: [(ClientResponse, String, String)] = []
            let created = try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: referral)
            exchanges.append((created, "POST", "/v1/referrals"))
            exchanges.append((try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: referral), "POST", "/v1/referrals"))
            exchanges.append((try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: Array("{}".utf8)), "POST", "/v1/referrals"))
            exchanges.append((try await client.send(.post, "/v1/referrals", headers: harness.headers(), body: Array("[".utf8)), "POST", "/v1/referrals"))
            exchanges.append((try await client.send(.post, "/v1/referrals", body: referral), "POST", "/v1/referrals"))
            let id = ReferralFixtures.json(created)["id"] as? String ?? ""
            exchanges.append((try await client.get("/v1/referrals/\(id)", headers: harness.headers()), "GET", "/v1/referrals/{id}"))
            exchanges.append((try await client.get("/v1/referrals/\(UUID())", headers: harness.headers()), "GET", "/v1/referrals/{id}"))
            exchanges.append((try await client.get("/v1/referrals?limit=1", headers: harness.headers()), "GET", "/v1/referrals"))
            exchanges.append((try await client.send(.post, "/v1/referrals/bulk", headers: harness.headers(contentType: "application/x-ndjson"),
                                                    body: referral), "POST", "/v1/referrals/bulk"))
            exchanges.append((try await client.send(.post, "/v1/stix", headers: harness.headers(), body: try STIXTests.fixture()), "POST", "/v1/stix"))
            let lookup = ReferralFixtures.bytes(["indicators": [["kind": "phone", "value": "07700 900123"], ["kind": "domain", "value": "example.org"]]])
            let single = ReferralFixtures.bytes(["indicators": [["kind": "domain", "value": "example.org"]]])
            exchanges.append((try await client.send(.post, "/v1/lookups", headers: harness.headers(), body: lookup), "POST", "/v1/lookups"))
            exchanges.append((try await client.send(.post, "/v1/lookups", headers: harness.headers(),
                                                    body: ReferralFixtures.bytes(["indicators": [["kind": "ipv4", "value": "1.2.3"]]])), "POST", "/v1/lookups"))
            _ = try await harness.inspector.query(PostgresQuery("test_policy_values", "UPDATE lookup_policy SET max_values = 1"))
            exchanges.append((try await client.send(.post, "/v1/lookups", headers: harness.headers(), body: lookup), "POST", "/v1/lookups"))
            _ = try await harness.inspector.query(PostgresQuery("test_policy_rate", "UPDATE lookup_policy SET requests_per_minute = 1"))
            exchanges.append((try await client.send(.post, "/v1/lookups", headers: harness.headers(), body: single), "POST", "/v1/lookups"))
            exchanges.append((try await client.get("/healthz"), "GET", "/healthz"))
            exchanges.append((try await client.get("/readyz"), "GET", "/readyz"))
            exchanges.append((try await client.get("/metrics"), "GET", "/metrics"))
            for (response, method, path) in exchanges {
                #expect(checker.problems(response, method: method, path: path) == [])
            }
            // The lookups: answered, invalid, too many values, then past the rate (refused requests
            // count for nothing, so the answered one used the minute's one request). Should a clock
            // minute end in between, the last is answered instead; both conform.
            let statuses = exchanges.map(\.0.status.code)
            #expect(Array(statuses.prefix(10)) == [201, 200, 422, 400, 401, 200, 404, 200, 200, 201])
            #expect(Array(statuses[10...12]) == [200, 422, 400])
            #expect([429, 200].contains(statuses[13]))
            #expect(Array(statuses.suffix(3)) == [200, 200, 200])

            // Correction: an indicator the referral does not hold, then one it does.
            let key = (ReferralFixtures.json(exchanges[5].0)["referral"] as? [String: Any]).flatMap { $0["indicators"] as? [[String: Any]] }?
                .first?["key"] as? String ?? ""
            #expect(!key.isEmpty, "the referral read back shows its indicators' keys")
            var corrections: [ClientResponse] = []
            for body in [#"{"reason": "typo", "remove": ["phone:+447700900999"]}"#, #"{"reason": "typo", "remove": ["\#(key)"]}"#] {
                corrections.append(try await client.send(.post, "/v1/referrals/\(id)/corrections", headers: harness.headers(), body: Array(body.utf8)))
            }
            for response in corrections {
                #expect(checker.problems(response, method: "POST", path: "/v1/referrals/{id}/corrections") == [])
            }
            #expect(corrections.map(\.status.code) == [422, 200])

            // Withdrawal: no reason, withdrawn, already withdrawn, not the partner's.
            var withdrawals: [ClientResponse] = []
            for body in [#"{"reason": " "}"#, #"{"reason": "Reported in error"}"#, #"{"reason": "Reported in error"}"#] {
                withdrawals.append(try await client.send(.post, "/v1/referrals/\(id)/withdraw", headers: harness.headers(), body: Array(body.utf8)))
            }
            withdrawals.append(try await client.send(
                .post, "/v1/referrals/\(UUID())/withdraw", headers: harness.headers(), body: Array(#"{"reason": "x"}"#.utf8)))
            for response in withdrawals {
                #expect(checker.problems(response, method: "POST", path: "/v1/referrals/{id}/withdraw") == [])
            }
            #expect(withdrawals.map(\.status.code) == [422, 200, 409, 404])
        }
    }
}

extension OpenAPITests {
    @Test("the checker refuses what breaks the document: an undocumented status, media type, missing or mistyped member")
    func checkerRefuses() throws {
        let checker = try OpenAPIChecker(Array(try Data(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/openapi/intake.json"))))
        let problem = Array(#"{"type": "about:blank", "title": "Not Found", "status": 404}"#.utf8)
        func problems(_ status: Int, _ type: String, _ body: String) -> [String] {
            checker.problems(status: status, contentType: type, body: Array(body.utf8), method: "GET", path: "/v1/referrals/{id}")
        }
        #expect(checker.problems(status: 404, contentType: "application/problem+json", body: problem, method: "GET", path: "/v1/referrals/{id}") == [])
        #expect(problems(418, "application/problem+json", "{}") == ["GET /v1/referrals/{id} does not document status 418"])
        #expect(problems(404, "text/html", "<p>") == ["GET /v1/referrals/{id} 404 does not document text/html"])
        #expect(problems(404, "application/problem+json", #"{"type": "x", "title": "y"}"#)
            == ["GET /v1/referrals/{id} 404: $: lacks required member status"])
        #expect(problems(404, "application/problem+json", #"{"type": "x", "title": "y", "status": "404", "errors": [{"field": 1, "message": "m"}]}"#)
            == ["GET /v1/referrals/{id} 404: $.errors[0].field: 1 is not of type string", "GET /v1/referrals/{id} 404: $.status: \"404\" is not of type integer"])
        #expect(checker.problems(status: 200, contentType: "application/json", body: [], method: "GET", path: "/v1/nowhere") == ["GET /v1/nowhere is not documented"])
    }
}
