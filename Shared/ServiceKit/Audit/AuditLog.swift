import Postgres

/// The append-only, hash-chained audit log shared by every service.
///
/// Each row stores the canonical text of its event, the previous row's hash and
/// `hash = SHA-256(prev_hash || event)` in hex; the first row links to `genesisHash`. Appends take a
/// transaction-scoped advisory lock, so concurrent writers cannot fork the chain, and the row commits
/// or rolls back with the state change it records.
public enum AuditLog {
    /// The `prev_hash` of the first row.
    public static let genesisHash = String(repeating: "0", count: 64)
    /// Arbitrary constant naming the audit lock among advisory locks.
    static let lockKey: Int64 = 0x0cc_a0d1_7000

    /// The appended row's id and hash.
    public struct Appended: Sendable, Hashable {
        public let id: Int64
        public let hash: String
    }

    /// Appends `event` inside the caller's transaction on `connection` (it must be in one: the lock
    /// is released at commit). Call it last in the transaction to hold the lock briefly.
    @discardableResult
    public static func append(_ event: AuditEvent, on connection: PostgresConnection) async throws -> Appended {
        let results = try await connection.pipeline([
            AuditQueries.lock.binding(lockKey),
            AuditQueries.append.binding(
                event.occurredAt, event.actor, event.action, event.subjectType, event.subjectID, event.traceID,
                event.canonicalText, genesisHash),
        ])
        guard let row = results.last?.single else {
            throw PostgresError(.protocolViolation, queryName: "audit_append", reason: "no row returned")
        }
        return Appended(id: try row.decode(Int64.self, "id"), hash: try row.decode(String.self, "hash"))
    }
}
