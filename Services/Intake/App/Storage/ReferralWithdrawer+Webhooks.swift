import Domain
import Foundation
import Postgres
import ServiceKit

extension ReferralWithdrawer {
    /// Announces a withdrawal or correction to the submitting partner's webhook endpoint (its
    /// systems other than the caller learn of it), in the change's transaction: the event exists,
    /// and is delivered, if and only if the change commits. Only the submitting partner hears it:
    /// the payload is its own answer, and which other partners hold the referral's indicators is
    /// not the intake login's to know (docs/withdraw.md).
    func announce(
        _ type: WebhookEventType, source: String, partnerID: Int64, payload: some Encodable, traceID: String, on connection: PostgresConnection
    ) async throws {
        let event = try WebhookEvent(id: WebhookEvent.id(for: type, source: source), partnerID: partnerID, type: type, payload: payload)
        try await WebhookEvents(queue: queue).enqueue(event, traceID: traceID, on: connection)
    }
}
