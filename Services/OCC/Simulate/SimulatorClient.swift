import Domain
import Foundation
import HTTP
import ServiceKit

/// One service as the simulator calls it: bearer key, optional purpose, JSON in and out.
struct SimulatorClient: Sendable {
    let endpoint: ServiceEndpoint

    struct Reply: Sendable {
        let status: Int
        let text: String
        /// The body as JSON (an empty object when it is not JSON).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    }

    func call(_ method: HTTPMethod, _ path: String, key: String, json: [String: Any]? = nil, purpose: String? = nil) async throws -> Reply {
        let client = endpoint.client()
        defer { Task { await client.close() } }
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer \(key)"
        headers["X-Request-Id"] = "sim-\(UUID().uuidString.prefix(8).lowercased())"
        if let purpose { headers[Purpose.header] = purpose }
        let response: ClientResponse
        if let json {
            headers["Content-Type"] = "application/json"
            response = try await client.send(method, path, headers: headers, body: Array(try JSONSerialization.data(withJSONObject: json)))
        } else {
            response = try await client.send(method, path, headers: headers)
        }
        return Reply(status: response.status.code, text: response.text)
    }

    /// The taskings `key`'s agency sees here, as `(id, referral_id, reference, status)` objects.
    func taskings(key: String) async throws -> (status: Int, items: [[String: Any]]) {
        let reply = try await call(.get, "/v1/taskings", key: key, purpose: "reviewing the tasking queue")
        return (reply.status, reply.json["taskings"] as? [[String: Any]] ?? [])
    }
}
