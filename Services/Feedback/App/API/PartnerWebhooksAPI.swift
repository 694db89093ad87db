import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// A partner's own webhook endpoint and deliveries (docs/webhooks.md), with a partner key holding
/// `partner:webhooks`:
/// - `GET /v1/webhooks`, `PUT /v1/webhooks` `{"url": "http://…"}` (the first time answers 201
///   with the signing secret, shown only then), `DELETE /v1/webhooks` (disable);
/// - `POST /v1/webhooks/secret` `{"overlap_seconds": 86400}`: rotate, the new secret shown once;
/// - `POST /v1/webhooks/test`: send a `webhook.test` event;
/// - `GET /v1/webhooks/deliveries?state=dead&limit=100`, `POST /v1/webhooks/deliveries/{id}/retry`.
struct PartnerWebhooksAPI: Sendable {
    let pool: PostgresPool
    static let maxBodyBytes = 4 * 1024
    static let listLimits = (default: 100, maximum: 1_000)
    static let maxOverlap = 7 * 86_400

    func register(on router: Router, authenticator: APIKeyAuthenticator, rateLimit: RateLimitMiddleware?) {
        let v1 = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .partnerWebhooks)] + [rateLimit].compactMap { $0 })
        v1.get("webhooks") { request in try await show(request) }
        v1.put("webhooks", maxBodyBytes: Self.maxBodyBytes) { request in try await set(request) }
        v1.delete("webhooks") { request in try await disable(request) }
        v1.post("webhooks/secret", maxBodyBytes: Self.maxBodyBytes) { request in try await rotate(request) }
        v1.post("webhooks/test") { request in try await test(request) }
        v1.get("webhooks/deliveries") { request in try await deliveries(request) }
        v1.post("webhooks/deliveries/{id}/retry") { request in try await retry(request) }
    }

    private func registry(_ request: Request) throws -> (WebhookRegistry, Int64) {
        let principal = try request.principal()
        guard let partnerID = principal.partnerID else { throw HTTPError(.forbidden, detail: "this API key does not belong to a partner") }
        return (WebhookRegistry(pool: pool, actor: principal.auditActor), partnerID)
    }

    func show(_ request: Request) async throws -> Response {
        let (registry, partnerID) = try registry(request)
        guard let endpoint = try await registry.endpoint(partnerID: partnerID) else {
            throw HTTPError(.notFound, detail: "no webhook endpoint is registered: PUT /v1/webhooks with {\"url\": …}")
        }
        return try Response.json(endpoint)
    }

    struct SetBody: Decodable { let url: String }

    /// The endpoint as stored, plus the secret when one was made.
    struct SetAnswer: Encodable {
        let endpoint: WebhookRegistry.Endpoint
        let secret: String?
    }

    func set(_ request: Request) async throws -> Response {
        let (registry, partnerID) = try registry(request)
        let body = try await request.decode(SetBody.self, maxBytes: Self.maxBodyBytes)
        let url: WebhookURL
        do {
            url = try WebhookURL(body.url)
        } catch {
            throw HTTPError(.unprocessableContent, detail: "the webhook url is not valid",
                            errors: [Problem.FieldError(field: "url", message: error.description)])
        }
        let secret = try await registry.set(partnerID: partnerID, url: url)
        guard let endpoint = try await registry.endpoint(partnerID: partnerID) else { throw HTTPError(.notFound, detail: "no webhook endpoint") }
        return try Response.json(SetAnswer(endpoint: endpoint, secret: secret), status: secret == nil ? .ok : .created)
    }

    func disable(_ request: Request) async throws -> Response {
        let (registry, partnerID) = try registry(request)
        guard try await registry.disable(partnerID: partnerID) else { throw HTTPError(.notFound, detail: "no enabled webhook endpoint") }
        return Response(status: .noContent)
    }

    struct RotateBody: Decodable {
        let overlapSeconds: Int?

        private enum CodingKeys: String, CodingKey { case overlapSeconds = "overlap_seconds" }
    }

    func rotate(_ request: Request) async throws -> Response {
        let (registry, partnerID) = try registry(request)
        let bytes = try await request.body.collect(upTo: Self.maxBodyBytes)
        let body = bytes.isEmpty ? RotateBody(overlapSeconds: nil) : try JSONCoding.decode(RotateBody.self, from: Data(bytes))
        let overlap = body.overlapSeconds ?? 86_400
        guard (0...Self.maxOverlap).contains(overlap) else {
            throw HTTPError(.unprocessableContent, detail: "the overlap is out of range",
                            errors: [Problem.FieldError(field: "overlap_seconds", message: "must be 0 to \(Self.maxOverlap)")])
        }
        let secret: String
        do {
            secret = try await registry.rotate(partnerID: partnerID, overlap: .seconds(overlap))
        } catch let refusal as RegistryRefusal {
            throw HTTPError(.notFound, detail: refusal.description)
        }
        return try Response.json(["secret": secret], status: .created)
    }

    func test(_ request: Request) async throws -> Response {
        let (registry, partnerID) = try registry(request)
        guard let id = try await registry.test(partnerID: partnerID) else { throw HTTPError(.notFound, detail: "no enabled webhook endpoint") }
        return try Response.json(["event_id": id.uuidString.lowercased()], status: .accepted)
    }

    func deliveries(_ request: Request) async throws -> Response {
        let (registry, partnerID) = try registry(request)
        var state: WebhookDelivery.State?
        if let text = request.query["state"] {
            guard let parsed = WebhookDelivery.State(rawValue: text) else {
                throw HTTPError(.badRequest, detail: "state must be pending, delivered or dead",
                                errors: [Problem.FieldError(field: "state", message: "must be pending, delivered or dead")])
            }
            state = parsed
        }
        var limit = Self.listLimits.default
        if let text = request.query["limit"] {
            guard let parsed = Int(text), (1...Self.listLimits.maximum).contains(parsed) else {
                throw HTTPError(.badRequest, detail: "limit must be 1 to \(Self.listLimits.maximum)",
                                errors: [Problem.FieldError(field: "limit", message: "must be an integer from 1 to \(Self.listLimits.maximum)")])
            }
            limit = parsed
        }
        let list = try await registry.deliveries(partnerID: partnerID, state: state, limit: limit)
        return try Response.json(["deliveries": list])
    }

    func retry(_ request: Request) async throws -> Response {
        let (registry, partnerID) = try registry(request)
        guard let id = UUID(uuidString: try request.parameters.require("id")) else {
            throw HTTPError(.badRequest, detail: "the event id must be a UUID", errors: [Problem.FieldError(field: "id", message: "must be a UUID")])
        }
        guard !(try await registry.retry(partnerID: partnerID, eventID: id)).isEmpty else {
            throw HTTPError(.notFound, detail: "no dead-lettered delivery with this event id")
        }
        return try Response.json(["event_id": id.uuidString.lowercased(), "state": "pending"], status: .accepted)
    }
}
