import Foundation
import Postgres
import ServiceKit

/// `occ audit tail [--limit N]`: the newest audit events, oldest of them first.
enum AuditTailCommand: Command {
    static let path = ["audit", "tail"]
    static let summary = "print the newest audit events"
    static let help = """
        usage: occ audit tail [--limit N]

        Prints the newest N events of the audit log on DATABASE_URL (default 20, at most 10000),
        oldest first, one per line: id, chain_seq (- while pending), the server's time (UTC),
        the login that appended it, the claimed actor, action, subject_type:subject_id. Rows from
        before the recorded login show '-' and the time they claimed. It does not check the chain;
        'occ audit verify' does.
        """
    static let valuedOptions: Set<String> = ["limit"]

    static func run(_ arguments: Arguments) async throws {
        try rejectUnexpected(arguments, valued: valuedOptions)
        let limit = try arguments.int("limit", default: 20)
        guard (1...10_000).contains(limit) else { throw UsageError("--limit must be from 1 to 10000") }
        let rows = try await Database.withOperatorPool { try await $0.query(newest.binding(limit)) }
        for row in rows {
            let at = try row.decode(Date.self, "at").formatted(.iso8601)
            let seq = try row.decode(Int64?.self, "chain_seq").map(String.init) ?? "-"
            let fields = try [row.decode(String?.self, "login") ?? "-", row.decode(String.self, "actor"), row.decode(String.self, "action"),
                              "\(row.decode(String.self, "subject_type")):\(row.decode(String.self, "subject_id"))"]
            print(([String(try row.decode(Int64.self, "id")), seq, at] + fields.map(printable)).joined(separator: "\t"))
        }
    }

    static let newest = PostgresQuery(
        "audit_tail",
        """
        SELECT id, chain_seq, at, login, actor, action, subject_type, subject_id FROM (
            SELECT id, chain_seq, coalesce(recorded_at, occurred_at) AS at, login, actor, action, subject_type, subject_id
            FROM audit_log ORDER BY id DESC LIMIT $1
        ) newest ORDER BY id
        """)

    /// Values with control characters (tabs, newlines, escapes) are quoted, so one event stays one line.
    private static func printable(_ value: String) -> String {
        value.unicodeScalars.contains { $0.properties.generalCategory == .control } ? value.debugDescription : value
    }
}
