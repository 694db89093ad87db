import Domain
import Foundation
import HTTP

/// A response as tests read it: status and parsed JSON body.
struct TestResponse: Sendable {
    let status: Int
    let json: JSONValue
}

extension PipelineHarness {
    /// Sends a request through `router` (no socket) with a bearer token and, when given, the
    /// officer's purpose in `X-Purpose`.
    func call(
        _ router: Router, _ method: HTTPMethod, _ target: String, token: String, body: String? = nil, purpose: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        if body != nil { headers["Content-Type"] = "application/json" }
        if let purpose { headers["X-Purpose"] = purpose }
        let response = await router.respond(to: Request(
            method: method, target: target, headers: headers, body: body.map { RequestBody($0) } ?? .empty))
        let json = response.body.isEmpty ? JSONValue.null : try JSONValue(parsing: Data(response.body))
        return TestResponse(status: response.status.code, json: json)
    }
}
