import Foundation
import Postgres

/// One event's delivery as operators and partners see it: never the payload.
public struct WebhookDelivery: Sendable, Encodable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case pending, delivered, dead
    }

    public let eventID: UUID
    public let partnerID: Int64
    public let type: String
    public let state: State
    public let attempts: Int
    public let createdAt: Date
    public let lastAttemptAt: Date?
    public let lastStatus: Int?
    public let lastError: String?
    public let deliveredAt: Date?
    public let deadAt: Date?

    init(row: PostgresRow) throws {
        eventID = try row.decode(UUID.self, "id")
        partnerID = try row.decode(Int64.self, "partner_id")
        type = try row.decode(String.self, "type")
        state = State(rawValue: try row.decode(String.self, "state")) ?? .pending
        attempts = try row.decode(Int.self, "attempts")
        createdAt = try row.decode(Date.self, "created_at")
        lastAttemptAt = try row.decode(Date?.self, "last_attempt_at")
        lastStatus = try row.decode(Int?.self, "last_status")
        lastError = try row.decode(String?.self, "last_error")
        deliveredAt = try row.decode(Date?.self, "delivered_at")
        deadAt = try row.decode(Date?.self, "dead_at")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Lower case, as every other id the exchange prints and as the `OCC-Event-Id` header sends it.
        try container.encode(eventID.uuidString.lowercased(), forKey: .eventID)
        try container.encode(String(partnerID), forKey: .partnerID)
        try container.encode(type, forKey: .type)
        try container.encode(state, forKey: .state)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(lastAttemptAt, forKey: .lastAttemptAt)
        try container.encodeIfPresent(lastStatus, forKey: .lastStatus)
        try container.encodeIfPresent(lastError, forKey: .lastError)
        try container.encodeIfPresent(deliveredAt, forKey: .deliveredAt)
        try container.encodeIfPresent(deadAt, forKey: .deadAt)
    }

    private enum CodingKeys: String, CodingKey {
        case eventID = "event_id"
        case partnerID = "partner_id"
        case type, state, attempts
        case createdAt = "created_at"
        case lastAttemptAt = "last_attempt_at"
        case lastStatus = "last_status"
        case lastError = "last_error"
        case deliveredAt = "delivered_at"
        case deadAt = "dead_at"
    }
}
