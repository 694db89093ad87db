import Crypto
import Domain
import Foundation
import Postgres
import Queue

/// Partners' webhook endpoints and secrets, and the operator's and partner's view of deliveries:
/// what `occ partners webhook …` and the feedback service's `/v1/webhooks` routes both call.
/// Every transaction is scoped to the partner (feedback's login sees no other) and audited.
public struct WebhookRegistry: Sendable {
    public let pool: PostgresPool
    /// `partner:12` for a partner's own key, `operator` for `occ`.
    public let actor: String

    public init(pool: PostgresPool, actor: String = "operator") {
        self.pool = pool
        self.actor = actor
    }

    /// A partner's endpoint as shown back: never a secret's value.
    public struct Endpoint: Sendable, Encodable {
        public let url: String
        public let enabled: Bool
        public let secrets: [SecretInfo]
    }

    public struct SecretInfo: Sendable, Encodable {
        public let id: Int64
        public let createdAt: Date
        /// Nil while it is the current secret; set when a rotation began its overlap.
        public let expiresAt: Date?

        private enum CodingKeys: String, CodingKey {
            case id
            case createdAt = "created_at"
            case expiresAt = "expires_at"
        }
    }

    /// Registers or replaces the partner's endpoint and enables it. The first time, a secret is
    /// made and returned: it is shown only now.
    public func set(partnerID: Int64, url: WebhookURL) async throws -> String? {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            try await connection.query(WebhookEndpointQueries.upsert.binding(partnerID, url.description))
            let hasSecret = !(try await connection.query(WebhookEndpointQueries.activeSecrets.binding(partnerID))).isEmpty
            let secret = hasSecret ? nil : Self.newSecret()
            if let secret { try await connection.query(WebhookEndpointQueries.insertSecret.binding(partnerID, secret)) }
            try await audit("webhook.endpoint_set", partnerID, ["url": url.description, "new_secret": String(secret != nil)], on: connection)
            return secret
        }
    }

    /// A new current secret, returned once; the previous ones keep signing for `overlap`.
    public func rotate(partnerID: Int64, overlap: Duration) async throws -> String {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard try await connection.query(WebhookEndpointQueries.find.binding(partnerID)).single != nil else {
                throw RegistryRefusal("partner \(partnerID) has no webhook endpoint: set one first")
            }
            let milliseconds = overlap.components.seconds * 1000 + overlap.components.attoseconds / 1_000_000_000_000_000
            try await connection.query(WebhookEndpointQueries.expireSecrets.binding(partnerID, "\(milliseconds) milliseconds"))
            let secret = Self.newSecret()
            try await connection.query(WebhookEndpointQueries.insertSecret.binding(partnerID, secret))
            try await audit("webhook.secret_rotated", partnerID, ["overlap_seconds": String(overlap.components.seconds)], on: connection)
            return secret
        }
    }

    /// Stops deliveries: events are no longer raised, and pending ones become dead letters when
    /// next tried. False when there was no enabled endpoint.
    public func disable(partnerID: Int64) async throws -> Bool {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            let changed = try await connection.query(WebhookEndpointQueries.disable.binding(partnerID)).affectedRows == 1
            if changed { try await audit("webhook.disabled", partnerID, [:], on: connection) }
            return changed
        }
    }

    public func endpoint(partnerID: Int64) async throws -> Endpoint? {
        try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard let row = try await connection.query(WebhookEndpointQueries.find.binding(partnerID)).single else { return nil }
            let secrets = try await connection.query(WebhookEndpointQueries.activeSecrets.binding(partnerID)).map {
                SecretInfo(id: try $0.decode(Int64.self, "id"), createdAt: try $0.decode(Date.self, "created_at"),
                           expiresAt: try $0.decode(Date?.self, "expires_at"))
            }
            return Endpoint(url: try row.decode(String.self, "url"), enabled: try row.decode(Bool.self, "enabled"), secrets: secrets)
        }
    }

    /// Sends a `webhook.test` event now (through the same queue and signing as every event);
    /// nil when the partner has no enabled endpoint.
    public func test(partnerID: Int64) async throws -> UUID? {
        let event = try WebhookEvent(
            id: UUID(), partnerID: partnerID, type: .test, payload: ["message": "test event sent by \(actor)"])
        let events = WebhookEvents(queue: JobQueue(pool: pool))
        return try await pool.transaction { connection in
            try await events.enqueue(event, on: connection) ? event.id : nil
        }
    }

    /// Puts dead letters back for delivery with a fresh retry window: all of the partner's, or one.
    public func retry(partnerID: Int64, eventID: UUID? = nil) async throws -> [UUID] {
        let queue = JobQueue(pool: pool)
        return try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            let ids = try await connection.query(WebhookQueries.revive.binding(partnerID, eventID)).map { try $0.decode(UUID.self, "id") }
            guard !ids.isEmpty else { return [] }
            try await queue.enqueueMany(try ids.map { try JobInsert(DeliverWebhook(eventID: $0, partnerID: partnerID), options: DeliverWebhook.options()) },
                                        on: connection)
            try await audit("webhook.retried", partnerID, ["events": String(ids.count)], on: connection)
            return ids
        }
    }

    /// Deliveries newest first: one partner's (or, for the operator, everyone's), optionally in one state.
    public func deliveries(partnerID: Int64?, state: WebhookDelivery.State?, limit: Int) async throws -> [WebhookDelivery] {
        try await pool.transaction { connection in
            if let partnerID { try await connection.scopeToPartner(partnerID) }
            return try await connection.query(WebhookQueries.list.binding(partnerID, state?.rawValue, limit)).map(WebhookDelivery.init)
        }
    }

    private func audit(_ action: String, _ partnerID: Int64, _ detail: [String: String], on connection: PostgresConnection) async throws {
        try await AuditLog.append(
            AuditEvent(actor: actor, action: action, subjectType: "partner", subjectID: String(partnerID), detail: detail), on: connection)
    }

    /// `whsec_` and 32 random bytes in hex (256 bits).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
