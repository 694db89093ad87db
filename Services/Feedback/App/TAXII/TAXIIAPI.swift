import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// A TAXII 2.1 server (read-only) for partners: discovery at `/taxii2/`, one API root
/// (`/taxii2/exchange/`) and the collections of `TAXIICollection`, each holding only the calling
/// partner's objects (docs/taxii.md). Credentials are the partner's API key with
/// `partner:feedback`, as HTTP Basic password or bearer token. Every answer, errors included, is
/// `application/taxii+json;version=2.1`.
struct TAXIIAPI: Sendable {
    let pool: PostgresPool
    let authenticator: APIKeyAuthenticator
    /// The feedback service's partner rate limit, applied once the caller is known; `nil` is none.
    let rateLimit: RateLimitMiddleware?
    static let root = "/taxii2/exchange/"

    func register(on router: Router) {
        router.get("/taxii2") { request in await serve(request) { _ in Self.discovery } }
        router.get("/taxii2/exchange") { request in await serve(request) { _ in Self.apiRoot } }
        router.get("/taxii2/exchange/collections") { request in
            await serve(request) { _ in .object(["collections": .array(TAXIICollection.allCases.map(Self.resource))]) }
        }
        router.get("/taxii2/exchange/collections/{collection}") { request in
            await serve(request) { _ in Self.resource(try Self.collection(request)) }
        }
        router.get("/taxii2/exchange/collections/{collection}/objects") { request in
            await serveText(request) { partnerID in try await objects(request, partnerID: partnerID) }
        }
        router.get("/taxii2/exchange/collections/{collection}/objects/{object}") { request in
            await serveText(request) { partnerID in try await object(request, partnerID: partnerID) }
        }
        router.get("/taxii2/exchange/collections/{collection}/objects/{object}/versions") { request in
            await serveText(request) { partnerID in try await versions(request, partnerID: partnerID) }
        }
        router.get("/taxii2/exchange/collections/{collection}/manifest") { request in
            await serveText(request) { partnerID in try await manifest(request, partnerID: partnerID) }
        }
    }

    /// Authenticates, negotiates and turns every TAXII error into its TAXII form.
    private func serveText(_ request: Request, _ body: (Int64) async throws -> Response) async -> Response {
        do {
            guard TAXIIMedia.accepts(request.headers["Accept"]) else {
                throw TAXIIError(status: .notAcceptable, title: "Not Acceptable",
                                 description: "this server answers only \(TAXIIMedia.taxii)")
            }
            return try await body(try await partner(request))
        } catch let error as TAXIIError {
            return error.response
        } catch {
            // Anything else (the database unavailable) is still reported in TAXII's form.
            return TAXIIError(status: .serviceUnavailable, title: "Service Unavailable",
                              description: "the feed could not be read; try again shortly",
                              headers: ["Retry-After": "5"]).response
        }
    }

    private func serve(_ request: Request, _ body: @escaping (Int64) throws -> JSONValue) async -> Response {
        await serveText(request) { partnerID in TAXIIMedia.response(try body(partnerID)) }
    }

    /// The calling partner: 401 without a valid key, 403 for a key without `partner:feedback` or
    /// that belongs to no partner.
    private func partner(_ request: Request) async throws -> Int64 {
        let principal: Principal
        do {
            principal = try await authenticator.authenticate(authorization: request.headers["Authorization"])
        } catch AuthError.unauthenticated {
            throw TAXIIError.unauthorized()
        }
        guard principal.scopes.contains(.partnerFeedback) else {
            throw TAXIIError.forbidden("this API key lacks the 'partner:feedback' scope")
        }
        guard let partnerID = principal.partnerID else { throw TAXIIError.forbidden("this API key does not belong to a partner") }
        if let wait = rateLimit?.take(String(partnerID)) { throw TAXIIError.tooManyRequests(retryAfter: wait) }
        request.context.principal = principal
        return partnerID
    }

    static func collection(_ request: Request) throws -> TAXIICollection {
        let id = request.parameters["collection"] ?? ""
        guard let collection = TAXIICollection(id: id) else { throw TAXIIError.notFound("no collection \(id.debugDescription) in this API root") }
        return collection
    }

    static var discovery: JSONValue {
        .object([
            "title": .string("OCC referral exchange"),
            "description": .string("STIX 2.1 for industry partners: your referrals, their outcomes and confirmed indicators."),
            "default": .string(root),
            "api_roots": .array([.string(root)]),
        ])
    }

    static var apiRoot: JSONValue {
        .object([
            "title": .string("Referral exchange feeds"),
            "description": .string("Read-only collections; each holds only what is released to the calling partner."),
            "versions": .array([.string(TAXIIMedia.taxii)]),
            // Nothing may be posted to this root.
            "max_content_length": .integer(0),
        ])
    }

    static func resource(_ collection: TAXIICollection) -> JSONValue {
        .object([
            "id": .string(collection.id), "title": .string(collection.title), "description": .string(collection.description),
            "can_read": .bool(true), "can_write": .bool(false), "media_types": .array([.string(TAXIIMedia.stix)]),
        ])
    }
}
