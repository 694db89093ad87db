import Domain
import Foundation
import Postgres

extension AuditLog {
    /// The newest archive boundary: the chained rows up to `seq` left the database, the row there
    /// carrying `hash`; the chain verifies from it. Nil when nothing was archived.
    public static func archiveBoundary(on connection: PostgresConnection) async throws -> Head? {
        try await connection.query(AuditArchiveQueries.boundary).single.map {
            Head(seq: try $0.decode(Int64.self, "through_seq"), hash: try $0.decode(String.self, "boundary_hash"))
        }
    }

    /// The chained rows after the current boundary up to `through`, as JSON lines carrying every
    /// hashed field (times as the whole microseconds the hash covers), for the archive file.
    public static func archiveLines(through: Int64, on connection: PostgresConnection, pageSize: Int = 5_000) async throws -> [String] {
        var lines: [String] = []
        var after = try await archiveBoundary(on: connection)?.seq ?? 0
        while after < through {
            let rows = try await connection.query(AuditQueries.page.binding(after, min(pageSize, Int(through - after))))
            if rows.isEmpty { break }
            for row in rows {
                var members: [String: JSONValue] = [:]
                for name in ["login", "actor", "action", "subject_type", "subject_id", "trace_id", "event", "prev_hash", "hash"] {
                    members[name] = try row.decode(String?.self, name).map(JSONValue.string) ?? .null
                }
                for name in ["id", "chain_seq", "recorded_us", "occurred_us"] {
                    members[name] = try row.decode(Int64?.self, name).map { .integer(Int($0)) } ?? .null
                }
                lines.append(JSONValue.object(members).canonicalText)
                after = try row.decode(Int64.self, "chain_seq")
            }
        }
        return lines
    }

    /// Removes the chained rows up to `through` once the row there carries `hash` (which the
    /// caller verified against a signed checkpoint); returns how many rows went.
    public static func archive(through: Int64, hash: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(AuditArchiveQueries.archive.binding(through, hash)).single?.decode(Int.self, "archived") ?? 0
    }
}
