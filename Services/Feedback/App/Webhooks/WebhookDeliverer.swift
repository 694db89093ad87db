import Domain
import Foundation
import HTTP
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `deliver_webhook`: takes one of the partner's request slots, POSTs the signed event to
/// the endpoint's vetted address, then records the result with the job's completion in one
/// transaction: delivered; or failed, with the next attempt scheduled (the retry policy's
/// backoff) or, once the retry window has closed, a dead letter. Delivery is at least once: a
/// worker that dies after the POST but before recording sends the event again, with the same
/// `OCC-Event-Id`.
struct WebhookDeliverer: Sendable {
    let pool: PostgresPool
    let queue: JobQueue
    let settings: WebhookSettings
    let logger: Logger

    /// Room for the POST itself beyond its timeout before a slot is presumed abandoned.
    static let slotGrace: Duration = .seconds(30)
    static let maxResponseBytes = 64 * 1024

    enum Taken {
        case attempt(WebhookAttempt)
        /// The event is delivered, dead or gone: nothing to do.
        case finished
        case busy
    }

    func deliver(_ args: DeliverWebhook, context: JobContext) async throws -> JobOutcome {
        switch try await take(args, context: context) {
        case .finished: return .completedInTransaction
        case .busy: return .snooze(after: settings.partnerBusyDelay)
        case .attempt(let attempt):
            try await record(attempt, await post(attempt), context: context)
            return .completedInTransaction
        }
    }

    /// Locks the partner's endpoint, then takes a slot. A disabled or removed endpoint makes the
    /// event a dead letter at once (an operator can retry it once the endpoint is back).
    private func take(_ args: DeliverWebhook, context: JobContext) async throws -> Taken {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(args.partnerID)
            let endpoint = try await connection.query(WebhookDeliveryQueries.lockEndpoint.binding(args.partnerID)).single
            guard let endpoint, try endpoint.decode(Bool.self, "enabled"), let url = try? WebhookURL(try endpoint.decode(String.self, "url")) else {
                try await connection.query(WebhookDeliveryQueries.failed.binding(args.eventID, args.partnerID, Int?.none, "endpoint disabled", true))
                try await context.complete(on: connection)
                return .finished
            }
            let lease = settings.timeout + Self.slotGrace
            let taken = try await connection.query(WebhookDeliveryQueries.take.binding(
                args.eventID, args.partnerID, "\(lease.components.seconds) seconds", settings.partnerConcurrency)).single
            guard let taken else {
                let state = try await connection.query(WebhookDeliveryQueries.state.binding(args.eventID, args.partnerID)).single
                if try state?.decode(String.self, "state") == "pending" { return .busy }
                try await context.complete(on: connection)
                return .finished
            }
            let secrets = try await connection.query(WebhookDeliveryQueries.signingSecrets.binding(args.partnerID)).map { try $0.decode(String.self, "secret") }
            let type = try taken.decode(String.self, "type")
            return .attempt(WebhookAttempt(
                eventID: args.eventID, partnerID: args.partnerID, type: type, url: url, secrets: secrets,
                number: try taken.decode(Int.self, "attempts"), windowOpened: try taken.decode(Date.self, "window_opened"),
                body: WebhookAttempt.body(id: args.eventID, type: type, partnerID: args.partnerID,
                                          createdAt: try taken.decode(Date.self, "created_at"), payload: try taken.decode(String.self, "payload"))))
        }
    }

    /// What the POST came to: a 2xx, or a failure with the status (if one came back) and why.
    enum PostResult: Sendable {
        case delivered(status: Int)
        case failed(status: Int?, reason: String)
    }

    /// Resolves the host, refuses it unless every address passes `WebhookAddressPolicy`, and
    /// POSTs to the first address (so the address checked is the one connected to). Redirects
    /// are not followed: a 3xx is a failure like any other non-2xx.
    func post(_ attempt: WebhookAttempt) async -> PostResult {
        let addresses: [String]
        do {
            addresses = try await HostResolver.addresses(of: attempt.url.host, port: attempt.url.port)
        } catch {
            return .failed(status: nil, reason: "\(error)")
        }
        let address: String
        switch WebhookAddressPolicy.choose(addresses, allowLoopback: settings.allowLoopback) {
        case .success(let chosen): address = chosen
        case .failure(let refusal): return .failed(status: nil, reason: refusal.description)
        }
        let client = HTTPClient(host: address, port: attempt.url.port, timeout: settings.timeout, maxResponseBytes: Self.maxResponseBytes)
        let result: PostResult
        do {
            let response = try await client.send(.post, attempt.url.target, headers: attempt.headers(now: Date()), body: attempt.body)
            let code = response.status.code
            result = (200..<300).contains(code) ? .delivered(status: code)
                : .failed(status: code, reason: (300..<400).contains(code) ? "HTTP \(code): redirects are not followed" : "HTTP \(code)")
        } catch {
            result = .failed(status: nil, reason: "\(error)")
        }
        await client.close()
        return result
    }

    /// The attempt's result, the next attempt (if any) and the job's completion, in one transaction.
    private func record(_ attempt: WebhookAttempt, _ result: PostResult, context: JobContext) async throws {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(attempt.partnerID)
            guard case .failed(let status, let reason) = result else {
                if case .delivered(let status) = result {
                    try await connection.query(WebhookDeliveryQueries.delivered.binding(attempt.eventID, attempt.partnerID, status))
                }
                try await context.complete(on: connection)
                return
            }
            let next = settings.retry.next(afterAttempt: attempt.number, windowOpened: attempt.windowOpened, now: Date(),
                                           jitter: Double.random(in: 0.9...1.1))
            try await connection.query(WebhookDeliveryQueries.failed.binding(
                attempt.eventID, attempt.partnerID, status, reason, next == .deadLetter))
            switch next {
            case .retry(let at):
                try await queue.enqueue(DeliverWebhook(eventID: attempt.eventID, partnerID: attempt.partnerID),
                                        options: DeliverWebhook.options(runAt: at), on: connection)
            case .deadLetter:
                try await AuditLog.append(AuditEvent(
                    actor: "service:feedback", action: "webhook.dead_lettered", subjectType: "webhook_event",
                    subjectID: attempt.eventID.uuidString.lowercased(),
                    detail: ["partner_id": String(attempt.partnerID), "attempts": String(attempt.number), "error": String(reason.prefix(200))]),
                    on: connection)
                logger.warning("webhook dead-lettered", ["event_id": attempt.eventID.uuidString.lowercased(),
                                                         "partner_id": String(attempt.partnerID), "error": reason])
            }
            try await context.complete(on: connection)
        }
    }
}
