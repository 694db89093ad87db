import Foundation
import HTTP
import TestSupport
import Testing

/// Real responses of the tasking and feedback APIs, successes and errors, checked against the
/// documents they serve at `/openapi.json` (status documented, media type, body schema).
@Suite("OpenAPI: tasking and feedback responses conform to their documents", .serialized)
struct OpenAPIConformanceTests {
    /// Collects exchanges and the problems the document finds with each.
    struct Exchanges {
        let checker: OpenAPIChecker
        private(set) var statuses: [Int] = []
        private(set) var problems: [String] = []

        mutating func check(_ response: TestResponse, _ method: String, _ path: String) {
            statuses.append(response.status)
            problems += checker.problems(
                status: response.status, contentType: response.contentType, body: Array(response.text.utf8), method: method, path: path)
        }
    }

    static func checker(_ harness: PipelineHarness, _ router: Router) async throws -> OpenAPIChecker {
        try OpenAPIChecker(Array(try await harness.call(router, .get, "/openapi.json", token: "").text.utf8))
    }

    @Test("tasking: list, read, accept, outcome, notes, close, network and their errors")
    func tasking() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let router = harness.tasking.router
            var seen = Exchanges(checker: try await Self.checker(harness, router))
            let ftc = try await harness.officer("COLP_FTC")
            let reviewer = try await harness.officer("COLP_FTC", name: "Second Officer")
            let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
            let unknown = UUID().uuidString.lowercased()
            func call(_ method: HTTPMethod, _ target: String, _ template: String, token: String? = nil, body: String? = nil,
                      purpose: String? = "conformance check", headers: [String: String] = [:]) async throws {
                let response = try await harness.call(router, method, target, token: token ?? ftc.token, body: body, purpose: purpose, headers: headers)
                seen.check(response, method.rawValue, template)
            }
            try await call(.get, "/v1/taskings?limit=1", "/v1/taskings")
            try await call(.get, "/v1/taskings?limit=0&colour=red", "/v1/taskings")
            try await call(.get, "/v1/taskings?team=NCA_TICAT", "/v1/taskings")
            try await call(.get, "/v1/taskings", "/v1/taskings", token: "occ_1_nonsense")
            try await call(.get, "/v1/taskings", "/v1/taskings", token: scenario.bank.token)
            try await call(.get, "/v1/taskings/\(tasking)", "/v1/taskings/{id}")
            try await call(.get, "/v1/taskings/\(tasking)", "/v1/taskings/{id}", purpose: nil)
            try await call(.get, "/v1/taskings/\(unknown)", "/v1/taskings/{id}")
            try await call(.post, "/v1/taskings/\(tasking)/accept", "/v1/taskings/{id}/accept")
            try await call(.post, "/v1/taskings/\(tasking)/accept", "/v1/taskings/{id}/accept")
            let outcome = "/v1/taskings/{id}/outcome"
            try await call(.post, "/v1/taskings/\(tasking)/outcome", outcome, body: PipelineHarness.disruptedOutcome, headers: ["Idempotency-Key": "k1"])
            try await call(.post, "/v1/taskings/\(tasking)/outcome", outcome, body: PipelineHarness.disruptedOutcome, headers: ["Idempotency-Key": "k1"])
            try await call(.post, "/v1/taskings/\(tasking)/outcome", outcome, body: #"{"kind": "charged", "home_office_code": 1}"#)
            try await call(.post, "/v1/taskings/\(tasking)/outcome", outcome, body: #"{"kind": "charged", "extra": 1}"#)
            try await call(.post, "/v1/taskings/\(tasking)/outcome", outcome, body: "{")
            try await call(.post, "/v1/taskings/\(tasking)/outcome", outcome, body: String(repeating: " ", count: 70_000))
            try await call(.get, "/v1/notes", "/v1/notes")
            let note = try await harness.count("SELECT id FROM outcomes WHERE tasking_id = $1::uuid AND partner_note IS NOT NULL", tasking)
            let approve = "/v1/taskings/{id}/outcomes/{outcome_id}/note/approve"
            try await call(.post, "/v1/taskings/\(tasking)/outcomes/\(note)/note/approve", approve)
            try await call(.post, "/v1/taskings/\(tasking)/outcomes/\(note)/note/approve", approve, token: reviewer.token)
            try await call(.post, "/v1/taskings/\(tasking)/outcomes/\(note)/note/refuse", "/v1/taskings/{id}/outcomes/{outcome_id}/note/refuse", token: reviewer.token)
            try await call(.post, "/v1/taskings/\(tasking)/outcomes/999999/note/refuse", "/v1/taskings/{id}/outcomes/{outcome_id}/note/refuse")
            let network = try await harness.count("SELECT network_id FROM network_members WHERE referral_id = $1", scenario.bankReferral)
            try await call(.get, "/v1/networks/\(network)", "/v1/networks/{id}")
            try await call(.get, "/v1/networks/999999", "/v1/networks/{id}")
            try await call(.post, "/v1/taskings/\(tasking)/close", "/v1/taskings/{id}/close", body: #"{"reason": ""}"#)
            try await call(.post, "/v1/taskings/\(tasking)/close", "/v1/taskings/{id}/close", body: #"{"reason": "Charged; file with CPS."}"#)
            try await call(.post, "/v1/taskings/\(tasking)/close", "/v1/taskings/{id}/close", body: #"{"reason": "again"}"#)
            try await call(.get, "/v1/taskings?status=closed", "/v1/taskings")
            try await call(.get, "/healthz", "/healthz", purpose: nil)
            try await call(.get, "/readyz", "/readyz", purpose: nil)
            try await call(.get, "/metrics", "/metrics", purpose: nil)
            #expect(seen.problems == [])
            #expect(seen.statuses == [200, 400, 403, 401, 403, 200, 400, 404, 200, 409, 201, 409, 201, 422, 400, 413, 200,
                                      403, 200, 409, 404, 200, 404, 422, 200, 409, 200, 200, 200, 200])
        }
    }

    @Test("feedback: the feed and the benefits report, JSON and CSV, and their errors")
    func feedback() async throws {
        try await PipelineHarness.with { harness in
            let scenario = try await Scenario.run(harness)
            let router = harness.feedback.router
            var seen = Exchanges(checker: try await Self.checker(harness, router))
            let ftc = try await harness.officer("COLP_FTC")
            let tasking = try #require(try await harness.taskingID(agency: ftc.token, referral: scenario.bankReferral))
            _ = try await harness.recordOutcome(agency: ftc.token, tasking: tasking, #"{"kind": "charged", "home_office_code": 1, "money_protected": {"amount": "12.5", "currency": "GBP"}}"#)
            let oversight = try await harness.oversightToken()
            seen.check(try await harness.feedbackItems(scenario.bank), "GET", "/v1/feedback")
            for (target, token) in [("/v1/feedback?limit=1", scenario.bank.token), ("/v1/feedback?cursor=nope&limit=0", scenario.bank.token),
                                    ("/v1/feedback", "occ_1_nonsense"), ("/v1/feedback", oversight)] {
                seen.check(try await harness.call(router, .get, target, token: token), "GET", "/v1/feedback")
            }
            let report = "/v1/reports/benefits"
            for (query, token) in [("", oversight), ("?by=sector", oversight), ("?format=csv", oversight), ("?from=2020-01-01T00:00:00Z&by=agency", oversight),
                                   ("?by=planet&since=1", oversight), ("", scenario.bank.token)] {
                seen.check(try await harness.call(router, .get, report + query, token: token), "GET", report)
            }
            for path in ["/healthz", "/readyz", "/metrics"] { seen.check(try await harness.call(router, .get, path, token: ""), "GET", path) }
            #expect(seen.problems == [])
            #expect(seen.statuses == [200, 200, 400, 401, 403, 200, 200, 200, 200, 400, 403, 200, 200, 200])
        }
    }
}
