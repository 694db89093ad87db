import Foundation
import Postgres
import ServiceKit

/// `occ audit verify [--page-size N]`: walks the hash-chained audit log and says whether it is intact.
enum AuditVerifyCommand: Command {
    static let path = ["audit", "verify"]
    static let summary = "check the hash-chained audit log; exit 0 only if it is intact"
    static let help = """
        usage: occ audit verify [--page-size N]

        Walks the audit log on DATABASE_URL in id order, a page at a time (bounded memory),
        recomputing every row's hash = SHA-256(prev_hash || event), checking each row links to
        the one before it (the first to the genesis hash) and that its columns match its event.
        Read-only: the operator login (occ_operator) is enough.

        Intact: prints 'audit log intact: N rows, newest hash H' and exits 0. Record N and H:
        rows cut from the end of the log leave a shorter chain that still verifies; only a
        comparison with an earlier N and H shows it.
        Broken: prints 'audit log BROKEN at row ID: reason (N rows before it verified)' and
        exits 1, as it does when the check cannot run (e.g. no database); usage errors exit 64.

          --page-size N   rows fetched per query, 1 to 100000 (default 5000)
        """
    static let valuedOptions: Set<String> = ["page-size"]
    /// Progress goes to stderr at most this often.
    static let progressInterval: Duration = .seconds(5)

    static func run(_ arguments: Arguments) async throws {
        try rejectUnexpected(arguments, valued: valuedOptions)
        let pageSize = try arguments.int("page-size", default: 5_000)
        guard (1...100_000).contains(pageSize) else { throw UsageError("--page-size must be from 1 to 100000") }
        let verification = try await Database.withOperatorPool { pool in
            try await pool.withConnection { connection in
                let clock = ContinuousClock()
                var lastReport = clock.now
                return try await AuditLog.verify(on: connection, pageSize: pageSize) { checked in
                    guard clock.now - lastReport >= progressInterval else { return }
                    lastReport = clock.now
                    progressLine("audit verify: \(checked.grouped) rows checked")
                }
            }
        }
        if let failure = verification.firstBreak {
            let before = verification.verifiedRows
            emit("audit log BROKEN at row \(failure.id): \(failure.reason) (\(before.grouped) row\(before == 1 ? "" : "s") before it verified)")
            throw ChainBroken(id: failure.id)
        }
        if let head = verification.lastVerifiedHash {
            emit("audit log intact: \(verification.rows.grouped) row\(verification.rows == 1 ? "" : "s"), newest hash \(head)")
        } else {
            emit("audit log intact: 0 rows (empty)")
        }
    }

    /// The chain does not verify: exit 1 (stdout already says where and why).
    struct ChainBroken: Error, CustomStringConvertible {
        let id: Int64
        var description: String { "the hash chain is broken at row \(id)" }
    }
}

/// `occ audit tail [--limit N]`: the newest audit events, oldest of them first.
enum AuditTailCommand: Command {
    static let path = ["audit", "tail"]
    static let summary = "print the newest audit events"
    static let help = """
        usage: occ audit tail [--limit N]

        Prints the newest N events of the audit log on DATABASE_URL (default 20, at most 10000),
        oldest first, one per line: id, occurred_at (UTC), actor, action, subject_type:subject_id.
        It does not check the chain; 'occ audit verify' does.
        """
    static let valuedOptions: Set<String> = ["limit"]

    static func run(_ arguments: Arguments) async throws {
        try rejectUnexpected(arguments, valued: valuedOptions)
        let limit = try arguments.int("limit", default: 20)
        guard (1...10_000).contains(limit) else { throw UsageError("--limit must be from 1 to 10000") }
        let rows = try await Database.withOperatorPool { try await $0.query(newest.binding(limit)) }
        for row in rows {
            let occurredAt = try row.decode(Date.self, "occurred_at").formatted(.iso8601)
            let fields = try [row.decode(String.self, "actor"), row.decode(String.self, "action"),
                              "\(row.decode(String.self, "subject_type")):\(row.decode(String.self, "subject_id"))"]
            print(([String(try row.decode(Int64.self, "id")), occurredAt] + fields.map(printable)).joined(separator: "\t"))
        }
    }

    static let newest = PostgresQuery(
        "audit_tail",
        """
        SELECT id, occurred_at, actor, action, subject_type, subject_id FROM (
            SELECT id, occurred_at, actor, action, subject_type, subject_id FROM audit_log ORDER BY id DESC LIMIT $1
        ) newest ORDER BY id
        """)

    /// Values with control characters (tabs, newlines, escapes) are quoted, so one event stays one line.
    private static func printable(_ value: String) -> String {
        value.unicodeScalars.contains { $0.properties.generalCategory == .control } ? value.debugDescription : value
    }
}

/// Options these commands do not know are mistakes, not flags to ignore: a typo must not go unnoticed.
private func rejectUnexpected(_ arguments: Arguments, valued: Set<String>) throws(UsageError) {
    if let option = Set(arguments.options.keys).subtracting(valued).sorted().first { throw UsageError("unknown option --\(option)") }
    if let flag = arguments.flags.sorted().first { throw UsageError("unknown option --\(flag)") }
    if let word = arguments.positionals.first { throw UsageError("unexpected argument '\(word)'") }
}

extension Int {
    /// Digits in groups of three, e.g. 12,345, whatever the locale.
    fileprivate var grouped: String {
        let digits = Array(String(magnitude))
        var text = self < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
