import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ warninglists list|add|remove`: benign values (webmail and platform domains, URL
/// shorteners, genuine helplines) that enrichment records and shows but never links on.
enum WarninglistsCommand: Command {
    static let path = ["warninglists"]
    static let summary = "list, add or remove warning-listed values, which link no referrals"
    static let help = """
        usage: occ warninglists list
               occ warninglists add --kind KIND --value VALUE --list NAME --reason TEXT
               occ warninglists remove --kind KIND --value VALUE

        A warning-listed value is recorded and shown with each referral that names it, but it
        links no referrals, corroborates nothing and joins no networks (MISP's warninglists are
        the model). The value is normalised like a submitted indicator (KIND is phone, url,
        domain, email, ipv4, ipv6, iban, sms_sender_id or file_hash), so any spelling gives its
        one correlation key; a domain also stops URLs and e-mail addresses on it linking by
        their registrable domain. NAME groups entries (lower-case letters, digits and hyphens,
        e.g. webmail). Changes apply to referrals enriched afterwards and are audited.
        """
    static let valuedOptions: Set<String> = ["kind", "value", "list", "reason"]

    static func run(_ arguments: Arguments) async throws {
        switch arguments.positionals.first {
        case "list":
            try await Database.withOperatorPool { pool in
                for row in try await pool.query(Queries.list) {
                    print("\(try row.decode(String.self, "key"))\t\(try row.decode(String.self, "list"))\t\(try row.decode(String.self, "reason"))")
                }
            }
        case "add":
            let key = try key(arguments)
            let list = try arguments.require("list")
            guard list.count <= 64, list.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw UsageError("--list must be 1–64 lower-case letters, digits or hyphens")
            }
            let reason = try arguments.require("reason")
            guard reason.count <= 500 else { throw UsageError("--reason must be at most 500 characters") }
            try await change(key, action: "warninglist.added", query: Queries.add.binding(key, list, reason), detail: ["list": list])
            print("listed \(key)")
        case "remove":
            let key = try key(arguments)
            try await change(key, action: "warninglist.removed", query: Queries.remove.binding(key), detail: [:])
            print("removed \(key)")
        default: throw UsageError("expected list, add or remove")
        }
    }

    /// The correlation key of `--kind` and `--value`, normalised as intake would.
    private static func key(_ arguments: Arguments) throws -> String {
        let kind = try arguments.require("kind")
        let submission = IndicatorSubmission(kind: kind, value: try arguments.require("value"))
        switch IndicatorNormaliser().normalise(submission) {
        case .success(let indicator): return indicator.key
        case .failure(let failure):
            throw UsageError("not a listable \(kind): " + failure.problems.map { "\($0.field.rawValue) \($0.message)" }.joined(separator: "; "))
        }
    }

    private static func change(_ key: String, action: String, query: PostgresQuery, detail: [String: String]) async throws {
        try await Database.withOperatorPool { pool in
            try await pool.transaction { connection in
                let changed = try await connection.query(query).affectedRows
                guard changed == 1 else {
                    throw CommandExit(status: 1, description: action == "warninglist.added" ? "\(key) is already listed" : "\(key) is not listed")
                }
                try await AuditLog.append(AuditEvent(
                    actor: "operator", action: action, subjectType: "warninglist_entry", subjectID: key, detail: detail), on: connection)
            }
        }
    }

    /// Statements on `warninglist_entries`.
    enum Queries {
        static let list = PostgresQuery("warninglist_entries_list", "SELECT key, list, reason FROM warninglist_entries ORDER BY list, key")
        static let add = PostgresQuery(
            "warninglist_entries_add",
            "INSERT INTO warninglist_entries (key, list, reason) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING")
        static let remove = PostgresQuery("warninglist_entries_remove", "DELETE FROM warninglist_entries WHERE key = $1")
    }
}
