import Postgres

/// The append-only, hash-chained audit log shared by every service.
///
/// Appends go through the definer function `audit_append` (migration 6): it stores the caller's
/// claims, and the table records who appended (`session_user`) and when (the server's clock) in
/// columns of their own. An append takes no lock and hashes nothing, so it costs a business
/// transaction one insert and commits or rolls back with the change it records. Rows are linked
/// later, in batches, by `audit_chain` (see `AuditChainer` and `chain(maxRows:on:)`), and the chain
/// is checked by `verify(on:against:)`, against a signed `AuditCheckpoint` when there is one.
public enum AuditLog {
    /// The `prev_hash` of the first row.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// An appended row, pending until the chainer links it.
    public struct Appended: Sendable, Hashable {
        public let id: Int64
    }

    /// Appends `event` on `connection`, inside the caller's transaction if there is one.
    @discardableResult
    public static func append(_ event: AuditEvent, on connection: PostgresConnection) async throws -> Appended {
        try await append([event], on: connection)[0]
    }

    /// Appends `events` in order, in one round trip.
    @discardableResult
    public static func append(_ events: [AuditEvent], on connection: PostgresConnection) async throws -> [Appended] {
        guard !events.isEmpty else { return [] }
        return try appended(from: try await connection.pipeline(appendStatements(events)), count: events.count)
    }

    /// The statements `append` runs, for callers that pipeline them with their own (e.g. with
    /// COMMIT); `appended(from:count:)` reads their results.
    public static func appendStatements(_ events: [AuditEvent]) -> [PostgresQuery] {
        [
            AuditQueries.append.binding(
                events.map(\.occurredAt), events.map(\.actor), events.map(\.action), events.map(\.subjectType),
                events.map(\.subjectID), events.map(\.traceID), events.map(\.canonicalText)),
        ]
    }

    /// The appended rows, in id order, from the results of `appendStatements`.
    public static func appended(from results: some Collection<PostgresRows>, count: Int) throws -> [Appended] {
        let appended = try (results.first.map(Array.init) ?? []).map { Appended(id: try $0.decode(Int64.self, "id")) }
        guard appended.count == count else {
            throw PostgresError(.protocolViolation, queryName: "audit_append", reason: "expected one row per event")
        }
        return appended
    }
}
