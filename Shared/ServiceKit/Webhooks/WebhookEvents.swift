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

    /// Raises `events` (any partners) on `connection`, inside its transaction, in two round trips
    /// whatever the number of partners (each partner's insert runs scoped to it); returns the ids
    /// newly raised. Leaves the transaction scoped to the last partner (`occ.partner_id`).
    @discardableResult
    public func enqueue(_ events: [WebhookEvent], traceID: String? = nil, on connection: PostgresConnection) async throws -> [UUID] {
        try await enqueue(events.map { ($0, traceID) }, on: connection)
    }

    /// Raises `events`, each delivery job carrying its own event's trace id (a batch of jobs of
    /// several traces raises them together).
    @discardableResult
    public func enqueue(_ traced: [(event: WebhookEvent, traceID: String?)], on connection: PostgresConnection) async throws -> [UUID] {
        let events = traced.map(\.event)
        let traces = Dictionary(traced.map { ($0.event.id, $0.traceID) }, uniquingKeysWith: { first, _ in first })
        let groups = Dictionary(grouping: events, by: \.partnerID).sorted { $0.key < $1.key }
        guard !groups.isEmpty else { return [] }
        let results = try await connection.pipeline(groups.flatMap { partnerID, group in [
            PostgresConnection.partnerScopeQuery(partnerID),
            WebhookQueries.insertEvents.binding(partnerID, group.map(\.id), group.map(\.type.rawValue), group.map(\.payloadJSON)),
        ] })
        var raised: [UUID] = []
        var jobs: [JobInsert] = []
        for (index, (partnerID, _)) in groups.enumerated() {
            for row in results[2 * index + 1] {
                let id = try row.decode(UUID.self, "id")
                raised.append(id)
                jobs.append(try JobInsert(DeliverWebhook(eventID: id, partnerID: partnerID), options: DeliverWebhook.options(traceID: traces[id] ?? nil)))
            }
        }
        try await queue.enqueueMany(jobs, on: connection)
        return raised
    }

    /// Raises one event.
    @discardableResult
    public func enqueue(_ event: WebhookEvent, traceID: String? = nil, on connection: PostgresConnection) async throws -> Bool {
        try await !enqueue([event], traceID: traceID, on: connection).isEmpty
    }
}
