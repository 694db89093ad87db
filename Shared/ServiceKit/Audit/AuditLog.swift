import Postgres

/// The append-only, hash-chained audit log shared by every service.
///
/// Each row stores the canonical text of its event, the previous row's hash and
/// `hash = SHA-256(prev_hash || event)` in hex; the first row links to `genesisHash`. Appends take a
/// transaction-scoped advisory lock, so concurrent writers cannot fork the chain, and the row commits
/// or rolls back with the state change it records. The lock serialises every audited commit in the
/// system, so hot paths send `appendStatements` with COMMIT (`pipelineAndCommit`): the lock is then
/// held only while the server appends and flushes, never across a round trip.
public enum AuditLog {
    /// The `prev_hash` of the first row.
    public static let genesisHash = String(repeating: "0", count: 64)
    /// Arbitrary constant naming the audit lock among advisory locks (public for benchmarks that
    /// must contend for it as the services do).
    public static let lockKey: Int64 = 0x0cc_a0d1_7000

    /// The appended row's id and hash.
    public struct Appended: Sendable, Hashable {
        public let id: Int64
        public let hash: String
    }

    /// Appends `event` inside the caller's transaction on `connection` (it must be in one: the lock
    /// is released at commit). Call it last in the transaction to hold the lock briefly; on hot
    /// paths prefer `appendStatements` with `pipelineAndCommit`.
    @discardableResult
    public static func append(_ event: AuditEvent, on connection: PostgresConnection) async throws -> Appended {
        try await append([event], on: connection)[0]
    }

    /// Appends `events` in order, chained one after another, in one round trip; the same rules as
    /// the single append. Group commits use it to chain a whole batch under one lock.
    @discardableResult
    public static func append(_ events: [AuditEvent], on connection: PostgresConnection) async throws -> [Appended] {
        guard !events.isEmpty else { return [] }
        return try appended(from: try await connection.pipeline(appendStatements(events)), count: events.count)
    }

    /// The statements `append` runs (take the lock, append), for callers that pipeline them after
    /// their own, e.g. just before COMMIT; `appended(from:count:)` reads their results.
    public static func appendStatements(_ events: [AuditEvent]) -> [PostgresQuery] {
        [
            AuditQueries.lock.binding(lockKey),
            AuditQueries.append.binding(
                events.map(\.occurredAt), events.map(\.actor), events.map(\.action), events.map(\.subjectType),
                events.map(\.subjectID), events.map(\.traceID), events.map(\.canonicalText), genesisHash),
        ]
    }

    /// The appended rows, in chain order, from the results of `appendStatements`.
    public static func appended(from results: some Collection<PostgresRows>, count: Int) throws -> [Appended] {
        let appended = try (results.dropFirst().first.map(Array.init) ?? []).map {
            Appended(id: try $0.decode(Int64.self, "id"), hash: try $0.decode(String.self, "hash"))
        }.sorted { $0.id < $1.id }
        guard appended.count == count else {
            throw PostgresError(.protocolViolation, queryName: "audit_append", reason: "expected one row per event")
        }
        return appended
    }
}
