import Foundation
import Queue

/// One attempt to post one webhook event to its partner's endpoint; `WebhookEvents.enqueue`
/// inserts the first with the event, and each failed attempt inserts the next, scheduled, in the
/// transaction that records the failure. The feedback service runs it.
public struct DeliverWebhook: JobArgs, Hashable {
    public static let kind = "deliver_webhook"
    /// Deliveries have their own queue, so a slow receiver never holds up feedback.
    public static let queue = "webhooks"

    public let eventID: UUID
    /// The event's partner: the worker scopes its transactions to it (row-level security).
    public let partnerID: Int64

    public init(eventID: UUID, partnerID: Int64) {
        self.eventID = eventID
        self.partnerID = partnerID
    }

    /// How every attempt is inserted. An event has one job at a time: the next is inserted only
    /// as the current one completes, and a retry only revives a dead event, which has none. The
    /// job's own attempts only cover the worker failing to record (the event row counts
    /// delivery attempts).
    public static func options(runAt: Date? = nil, traceID: String? = nil) -> InsertOptions {
        InsertOptions(queue: queue, runAt: runAt, maxAttempts: 10, metadata: traceID.map { ["trace_id": $0] } ?? [:])
    }

    private enum CodingKeys: String, CodingKey {
        case eventID = "event_id"
        case partnerID = "partner_id"
    }
}
