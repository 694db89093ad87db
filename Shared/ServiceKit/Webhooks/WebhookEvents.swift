import Foundation
import Postgres
import Queue

/// The one way to send partners webhook events: `enqueue` stores the events and their first
/// delivery jobs inside the caller's transaction, so an event exists, and will be delivered, if
/// and only if the caller's own writes commit. Delivery (signing, retries, dead letters) is the
/// feedback service's `deliver_webhook` worker; see docs/webhooks.md.
///
/// A partner without an enabled endpoint gets no events (it polls instead); an event id already
/// raised is skipped, so a handler that runs twice raises its events once. The calling login
/// needs INSERT on `webhook_events` and on the `webhooks` queue (migration 16 grants feedback's).
public struct WebhookEvents: Sendable {
    let queue: JobQueue

    public init(queue: JobQueue) {
        self.queue = queue
    }

    /// Raises `events` (any partners) on `connection`, inside its transaction; returns the ids
    /// newly raised. Leaves the transaction scoped to the last partner (`occ.partner_id`).
    @discardableResult
    public func enqueue(_ events: [WebhookEvent], traceID: String? = nil, on connection: PostgresConnection) async throws -> [UUID] {
        var raised: [UUID] = []
        let byPartner = Dictionary(grouping: events, by: \.partnerID)
        for partnerID in byPartner.keys.sorted() {
            let group = byPartner[partnerID] ?? []
            let results = try await connection.pipeline([
                PostgresConnection.partnerScopeQuery(partnerID),
                WebhookQueries.insertEvents.binding(partnerID, group.map(\.id), group.map(\.type.rawValue), group.map(\.payloadJSON)),
            ])
            let ids = try results[1].map { try $0.decode(UUID.self, "id") }
            guard !ids.isEmpty else { continue }
            let jobs = try ids.map { try JobInsert(DeliverWebhook(eventID: $0, partnerID: partnerID), options: DeliverWebhook.options(traceID: traceID)) }
            try await queue.enqueueMany(jobs, on: connection)
            raised += ids
        }
        return raised
    }

    /// Raises one event.
    @discardableResult
    public func enqueue(_ event: WebhookEvent, traceID: String? = nil, on connection: PostgresConnection) async throws -> Bool {
        try await !enqueue([event], traceID: traceID, on: connection).isEmpty
    }
}
