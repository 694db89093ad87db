import Foundation
import Postgres

/// A console session as stored (`console_sessions`): never its token, which only the browser holds.
public struct ConsoleSessionRecord: Sendable, Hashable {
    public let id: Int64
    public let keyID: String
    public let role: ConsoleRole
    /// The audit actor of the key that signed in (`officer:42@NCA_TICAT`, `partner:12`, `key:ab12…`).
    public let actor: String
    public let partnerID: Int64?
    public let officerID: Int64?
    public let agencyCode: String?
    public let createdAt: Date
    public let expiresAt: Date
    public let revokedAt: Date?

    init(row: PostgresRow) throws {
        let role = try row.decode(String.self, "role")
        guard let parsed = ConsoleRole(rawValue: role) else {
            throw PostgresError(.decoding, queryName: "console_sessions", reason: "unknown console role \(role)")
        }
        id = try row.decode(Int64.self, "id")
        keyID = try row.decode(String.self, "key_id")
        self.role = parsed
        actor = try row.decode(String.self, "actor")
        partnerID = try row.decode(Int64?.self, "partner_id")
        officerID = try row.decode(Int64?.self, "officer_id")
        agencyCode = try row.decode(String?.self, "agency_code")
        createdAt = try row.decode(Date.self, "created_at")
        expiresAt = try row.decode(Date.self, "expires_at")
        revokedAt = try row.decode(Date?.self, "revoked_at")
    }
}
