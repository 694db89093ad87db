import Crypto
import Domain
import Foundation

/// An event to send to one partner's webhook endpoint: a stable id (the receiver's de-duplication
/// key), a type and a JSON payload. The payload must be what the disclosure decision point
/// released to that partner, nothing more.
public struct WebhookEvent: Sendable {
    public let id: UUID
    public let partnerID: Int64
    public let type: WebhookEventType
    /// The payload as JSON text (keys sorted, ISO-8601 dates: as the exchange stores JSON).
    public let payloadJSON: String

    public init(id: UUID, partnerID: Int64, type: WebhookEventType, payload: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        self.init(id: id, partnerID: partnerID, type: type, payloadJSON: String(decoding: try encoder.encode(payload), as: UTF8.self))
    }

    public init(id: UUID, partnerID: Int64, type: WebhookEventType, payloadJSON: String) {
        self.id = id
        self.partnerID = partnerID
        self.type = type
        self.payloadJSON = payloadJSON
    }

    /// The event id for `source` (e.g. `feedback_item:<item id>`): the same source always gives
    /// the same id, so raising an event twice (a job retried) stores and sends it once.
    public static func id(for type: WebhookEventType, source: String) -> UUID {
        UUIDv5.make(namespace: namespace, name: "\(type.rawValue):\(source)")
    }

    /// 5b0c6e8e-2f4e-5c1a-9a57-7f1d3c0e9b21, chosen once for webhook event ids; never change it.
    private static let namespace = UUID(uuid: (
        0x5b, 0x0c, 0x6e, 0x8e, 0x2f, 0x4e, 0x5c, 0x1a, 0x9a, 0x57, 0x7f, 0x1d, 0x3c, 0x0e, 0x9b, 0x21))
}
