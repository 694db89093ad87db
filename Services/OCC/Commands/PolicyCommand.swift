import Domain
import Foundation
import Postgres
import ServiceKit

/// `occ policy list`: the release policy the disclosure decision point applies, as stored.
enum PolicyListCommand: Command {
    static let path = ["policy", "list"]
    static let summary = "list the disclosure release policy's settings"
    static let help = """
        usage: occ policy list

        Prints each setting of the release policy (table disclosure_policy), one per line,
        tab-separated: setting, value, last change (UTC), meaning. Markings (TLP, handling code)
        bound what any policy can release; the policy only narrows it. See docs/disclosure.md.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: [])
        let rows = try await Database.withOperatorPool { try await $0.query(PolicyQueries.list) }
        for row in rows {
            let setting = try row.decode(String.self, "setting")
            let summary = ReleasePolicy.Setting(rawValue: setting)?.summary ?? ""
            print("\(setting)\t\(try row.decode(String.self, "value"))\t\(try row.decode(String.self, "updated_at"))\t\(summary)")
        }
    }
}

/// `occ policy show SETTING`.
enum PolicyShowCommand: Command {
    static let path = ["policy", "show"]
    static let summary = "show one setting of the disclosure release policy"
    static let help = """
        usage: occ policy show SETTING

        Prints the setting's value on the first line and its meaning on the second. Settings:
        \(ReleasePolicy.Setting.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: [], positionals: 1)
        let setting = try PolicySetCommand.setting(arguments.positionals.first)
        let row = try await Database.withOperatorPool { try await $0.query(PolicyQueries.show.binding(setting.rawValue)).single }
        guard let row else { throw CommandExit(status: 1, description: "\(setting.rawValue) is not stored; run occ migrate") }
        print(try row.decode(String.self, "value"))
        print(setting.summary)
    }
}

/// `occ policy set SETTING VALUE`.
enum PolicySetCommand: Command {
    static let path = ["policy", "set"]
    static let summary = "change one setting of the disclosure release policy (audited)"
    static let help = """
        usage: occ policy set SETTING VALUE

        Changes a setting; the next feedback delivery applies it (no restart). The change is
        audited (disclosure_policy.set, with the old and new value). Settings and values:
        \(ReleasePolicy.Setting.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: [], positionals: 2)
        let setting = try setting(arguments.positionals.first)
        guard arguments.positionals.count == 2 else { throw UsageError("set needs a SETTING and a VALUE") }
        let value: String
        switch ReleasePolicy.validate(setting, arguments.positionals[1]) {
        case .success(let text): value = text
        case .failure(let invalid): throw UsageError(invalid.description)
        }
        let old = try await Database.withOperatorPool { pool in
            try await pool.transaction { connection in
                guard let old = try await connection.query(PolicyQueries.lock.binding(setting.rawValue)).single?.decode(String.self, "value") else {
                    throw CommandExit(status: 1, description: "\(setting.rawValue) is not stored; run occ migrate")
                }
                try await connection.query(PolicyQueries.set.binding(setting.rawValue, value))
                try await AuditLog.append(AuditEvent(
                    actor: "operator", action: "disclosure_policy.set", subjectType: "disclosure_policy", subjectID: setting.rawValue,
                    detail: ["old": old, "new": value]), on: connection)
                return old
            }
        }
        print("\(setting.rawValue)\t\(old) -> \(value)")
    }

    static func setting(_ word: String?) throws(UsageError) -> ReleasePolicy.Setting {
        guard let word else { throw UsageError("a SETTING is required") }
        guard let setting = ReleasePolicy.Setting(rawValue: word) else {
            throw UsageError("unknown setting '\(word)'; one of \(ReleasePolicy.Setting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return setting
    }
}

/// Statements on `disclosure_policy`.
enum PolicyQueries {
    private static let updatedAt = "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS updated_at"
    static let list = PostgresQuery("disclosure_policy_list", "SELECT setting, value, \(updatedAt) FROM disclosure_policy ORDER BY setting")
    static let show = PostgresQuery("disclosure_policy_show", "SELECT value FROM disclosure_policy WHERE setting = $1")
    static let lock = PostgresQuery("disclosure_policy_lock", "SELECT value FROM disclosure_policy WHERE setting = $1 FOR UPDATE")
    static let set = PostgresQuery(
        "disclosure_policy_set", "UPDATE disclosure_policy SET value = $2, updated_at = now() WHERE setting = $1")
}
