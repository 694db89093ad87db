import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// Partners' side of requests to partners (docs/requests.md): the disruption requests addressed
/// to the caller (`GET /v1/requests`, then `POST /v1/requests/{id}/acknowledge|complete|decline`)
/// and the questions asked of it (`GET /v1/rfis`, `POST /v1/rfis/{id}/answer`). Partner keys with
/// `partner:feedback`; the queries name the partner and row-level security enforces it again.
/// What a partner sees of a request is `Disclosure.requestView`. Every change is audited; a
/// repeated identical action is answered without a second change, a conflicting one is a 409.
struct PartnerRequestsAPI: Sendable {
    let pool: PostgresPool
    static let maxBodyBytes = 16 * 1024
    static let requestStatuses: Set<String> = Set(RequestStatus.allCases.map(\.rawValue))

    /// One page of a partner's inbox and the cursor to pass next (null after the last page).
    struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
        let items: [Item]
        let nextCursor: String?

        private enum CodingKeys: String, CodingKey {
            case items
            case nextCursor = "next_cursor"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(nextCursor, forKey: .nextCursor)
        }
    }

    func register(on router: Router, authenticator: APIKeyAuthenticator, rateLimit: RateLimitMiddleware?) {
        let v1 = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .partnerFeedback)] + [rateLimit].compactMap { $0 })
        v1.get("requests") { request in try await inbox(request) }
        v1.post("requests/{id}/acknowledge", maxBodyBytes: Self.maxBodyBytes) { request in try await act(request, .acknowledge) }
        v1.post("requests/{id}/complete", maxBodyBytes: Self.maxBodyBytes) { request in try await act(request, .complete) }
        v1.post("requests/{id}/decline", maxBodyBytes: Self.maxBodyBytes) { request in try await act(request, .decline) }
        v1.get("rfis") { request in try await rfis(request) }
        v1.post("rfis/{id}/answer", maxBodyBytes: Self.maxBodyBytes) { request in try await answer(request) }
    }

    /// `GET /v1/requests?cursor=&limit=&status=`: the requests addressed to the caller, in id order.
    func inbox(_ request: Request) async throws -> Response {
        let (principal, partnerID) = try Self.partner(request)
        let query = try Self.listQuery(request, list: "requests", statuses: Self.requestStatuses)
        let page = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            let rows = try await connection.query(PartnerRequestQueries.inbox.binding(
                partnerID, query.after?.ids[0] ?? 0, query.status, query.limit + 1))
            let kept = try rows.prefix(query.limit).map(PartnerRequest.init(row:))
            let items = kept.map { Disclosure.requestView($0, for: String(partnerID)) }
            if !items.isEmpty {
                try await AuditLog.append(AuditEvent(
                    actor: principal.auditActor, action: "requests.pulled", subjectType: "partner", subjectID: String(partnerID),
                    detail: ["requests": items.map { String($0.id) }.joined(separator: ",")]), on: connection)
            }
            let next = rows.count > query.limit ? kept.last.map { RequestCursor(list: "requests", ids: [$0.id]).description } : nil
            return Page(items: items, nextCursor: next)
        }
        return try Response.json(page)
    }

    static func partner(_ request: Request) throws -> (Principal, Int64) {
        let principal = try request.principal()
        guard let partnerID = principal.partnerID else {
            throw HTTPError(.forbidden, detail: "this API key does not belong to a partner")
        }
        return (principal, partnerID)
    }

    static func listQuery(_ request: Request, list: String, statuses: Set<String>) throws -> RequestListQuery {
        switch RequestListQuery.parse(request.query.items.map { (name: $0.name, value: $0.value) }, list: list, statuses: statuses) {
        case .success(let query): return query
        case .failure(let failure):
            throw HTTPError(.badRequest, detail: "bad parameter(s): \(failure.errors.map(\.path.description).joined(separator: ", "))",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }

    /// The `{id}` path segment; anything else names no request of this partner.
    static func itemID(_ request: Request, noun: String) throws -> Int64 {
        guard let text = request.parameters["id"], text.utf8.count <= 19, text.utf8.allSatisfy({ (48...57).contains($0) }),
              let id = Int64(text) else {
            throw HTTPError(.notFound, detail: "no such \(noun) for this partner")
        }
        return id
    }

    /// The body as JSON for a validator; an empty body is an empty object.
    static func json(_ request: Request) async throws -> JSONValue {
        let bytes = try await request.body.collect(upTo: maxBodyBytes)
        if bytes.isEmpty { return .object([:]) }
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw HTTPError(.badRequest, detail: "the request body is not valid JSON: \(error)",
                            errors: [Problem.FieldError(field: "body", message: "is not valid JSON")])
        }
    }

    static func invalid(_ failure: ValidationFailure, _ what: String) -> HTTPError {
        HTTPError(.unprocessableContent, detail: "the \(what) is not valid",
                  errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
    }
}
