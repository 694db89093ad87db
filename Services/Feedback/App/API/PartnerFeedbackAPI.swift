import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// `GET /v1/feedback?cursor=&since=&limit=`: a partner's own feedback items in feed order (see
/// docs/polling.md). Needs a partner key with `partner:feedback`; the query filters by partner
/// and row-level security enforces it again. Items are what the disclosure decision point
/// released when it wrote them; each is checked again to be addressed to the caller, and a page
/// that discloses anything is audited (`feedback.pulled`) in the same transaction as the read.
struct PartnerFeedbackAPI: Sendable {
    let pool: PostgresPool
    static let stream = "feedback"
    static let pageLimits = (default: 500, maximum: 1_000)

    /// One page of items and the cursor to pass next time (always present: an empty page
    /// hands back the cursor it was given).
    struct Page: Encodable, Sendable {
        let items: [FeedbackItem]
        let nextCursor: String

        private enum CodingKeys: String, CodingKey {
            case items
            case nextCursor = "next_cursor"
        }
    }

    func register(on router: Router, authenticator: APIKeyAuthenticator, rateLimit: RateLimitMiddleware?) {
        let v1 = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .partnerFeedback)] + [rateLimit].compactMap { $0 })
        v1.get("feedback") { request in try await feedback(request) }
    }

    func feedback(_ request: Request) async throws -> Response {
        let principal = try request.principal()
        guard let partnerID = principal.partnerID else {
            throw HTTPError(.forbidden, detail: "this API key does not belong to a partner")
        }
        let poll = try PollQuery.parse(request, stream: Self.stream, limits: Self.pageLimits)
        let (items, next) = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            let rows = try await connection.query(FeedbackItemQueries.page.binding(
                partnerID, String(poll.after.transaction), poll.after.sequence, poll.since, poll.limit))
            let items = try rows.map { try JSONDecoder().decode(FeedbackItem.self, from: Data(try $0.decode(String.self, "item").utf8)) }
                .filter { Disclosure.isAddressed($0, to: String(partnerID)) }
            let next = try rows.last?.feedCursor(stream: Self.stream) ?? poll.after
            if !items.isEmpty {
                try await AuditLog.append(AuditEvent(
                    actor: principal.auditActor, action: "feedback.pulled", subjectType: "partner", subjectID: String(partnerID),
                    detail: ["items": String(items.count), "after": poll.after.description]), on: connection)
            }
            return (items, next)
        }
        return try Response.json(Page(items: items, nextCursor: next.description))
    }
}
