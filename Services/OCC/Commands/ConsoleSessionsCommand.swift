import Foundation
import ServiceKit

/// `occ console sessions list [--all]`.
enum ConsoleSessionsListCommand: Command {
    static let path = ["console", "sessions", "list"]
    static let summary = "list the oversight console's sessions"
    static let help = """
        usage: occ console sessions list [--all]

        Prints the live console sessions (with --all: every session, ended ones too), one per line,
        tab-separated: id, role, actor, key id, started (UTC), expires (UTC), and 'live' or
        'revoked <time UTC>'. Tokens are never stored, so never shown.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, flags: ["all"])
        let sessions = try await Database.withOperatorPool { pool in
            try await ConsoleSessionRegistry(pool: pool).list(all: arguments.flag("all"))
        }
        for session in sessions {
            let state = session.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? (session.expiresAt < Date() ? "expired" : "live")
            print([String(session.id), session.role.rawValue, session.actor, session.keyID, session.createdAt.formatted(.iso8601),
                   session.expiresAt.formatted(.iso8601), state].joined(separator: "\t"))
        }
    }
}

/// `occ console sessions revoke ID`.
enum ConsoleSessionsRevokeCommand: Command {
    static let path = ["console", "sessions", "revoke"]
    static let summary = "end an oversight console session now"
    static let help = """
        usage: occ console sessions revoke ID

        Revokes console session ID (see 'occ console sessions list'): its next page is the
        sign-in form. Revoking the session's API key or officer ends it too. The change is audited.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let text = arguments.positionals.first, let id = Int64(text), id > 0 else {
            throw UsageError("give the session's id (see 'occ console sessions list')")
        }
        try await Database.withOperatorPool { pool in
            do {
                try await ConsoleSessionRegistry(pool: pool).revoke(id: id)
            } catch let error as ConsoleSessionRegistry.RegistryError {
                throw UsageError(error.description)
            }
        }
        print("console session \(id) revoked")
    }
}
