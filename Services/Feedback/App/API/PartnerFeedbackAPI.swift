import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// `GET /v1/feedback?since=<RFC 3339>`: a partner's own feedback items, oldest first, after the
/// cursor. Needs a partner key with `partner:feedback`; the query filters by partner and
/// row-level security enforces it again. Items are what the disclosure decision point released
/// when it wrote them; each is checked again to be addressed to the caller, and a page that
/// discloses anything is audited (`feedback.pulled`) in the same transaction as the read.
struct PartnerFeedbackAPI: Sendable {
    let pool: PostgresPool
    static let pageSize = 500

    /// One page of items and the cursor to pass as `since` next time.
    struct Page: Encodable, Sendable {
        let items: [FeedbackItem]
        let nextSince: String

        private enum CodingKeys: String, CodingKey {
            case items
            case nextSince = "next_since"
        }
    }

    func register(on router: Router, authenticator: APIKeyAuthenticator) {
        let v1 = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .partnerFeedback)])
        v1.get("feedback") { request in try await feedback(request) }
    }

    func feedback(_ request: Request) async throws -> Response {
        let principal = try request.principal()
        guard let partnerID = principal.partnerID else {
            throw HTTPError(.forbidden, detail: "this API key does not belong to a partner")
        }
        let since = request.query["since"] ?? "1970-01-01T00:00:00Z"
        guard Timestamp.parse(since) != nil else {
            throw HTTPError(.badRequest, detail: "since must be an RFC 3339 timestamp",
                            errors: [Problem.FieldError(field: "since", message: "not an RFC 3339 timestamp such as 2026-06-01T00:00:00Z")])
        }
        let page = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            let rows = try await connection.query(FeedbackItemQueries.since.binding(partnerID, since, Self.pageSize))
            let items = try rows.map { try JSONDecoder().decode(FeedbackItem.self, from: Data(try $0.decode(String.self, "item").utf8)) }
                .filter { Disclosure.isAddressed($0, to: String(partnerID)) }
            if !items.isEmpty {
                try await AuditLog.append(AuditEvent(
                    actor: principal.auditActor, action: "feedback.pulled", subjectType: "partner", subjectID: String(partnerID),
                    detail: ["items": String(items.count), "since": since]), on: connection)
            }
            return Page(items: items, nextSince: try rows.last?.decode(String.self, "cursor") ?? since)
        }
        return try Response.json(page)
    }
}
