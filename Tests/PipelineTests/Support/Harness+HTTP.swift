import Domain
import Foundation
import HTTP

/// A response as tests read it: status, body text, and the body parsed as JSON (null when it is not JSON).
struct TestResponse: Sendable {
    let status: Int
    let json: JSONValue
    var text = ""
    var contentType: String?
}

extension PipelineHarness {
    /// Sends a request through `router` (no socket) with a bearer token and, when given, the
    /// officer's purpose in `X-Purpose`.
    func call(
        _ router: Router, _ method: HTTPMethod, _ target: String, token: String, body: String? = nil, purpose: String? = nil,
        headers extra: [String: String] = [:]
    ) async throws -> TestResponse {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        for (name, value) in extra { headers[name] = value }
        if body != nil { headers["Content-Type"] = "application/json" }
        if let purpose { headers["X-Purpose"] = purpose }
        let response = await router.respond(to: Request(
            method: method, target: target, headers: headers, body: body.map { RequestBody($0) } ?? .empty))
        let contentType = response.headers["Content-Type"]
        let isJSON = contentType?.contains("json") ?? true
        let json = response.body.isEmpty || !isJSON ? JSONValue.null : try JSONValue(parsing: Data(response.body))
        return TestResponse(status: response.status.code, json: json, text: String(decoding: response.body, as: UTF8.self), contentType: contentType)
    }
}
