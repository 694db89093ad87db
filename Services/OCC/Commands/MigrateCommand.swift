import Foundation
import Postgres
import Schema

/// `occ migrate [--status]`.
enum MigrateCommand: Command {
    static let path = ["migrate"]
    static let summary = "apply pending schema migrations (or list them with --status)"
    static let help = """
        usage: occ migrate [--status]

        Applies every pending migration to DATABASE_URL, each in its own transaction, under an
        advisory lock so several services starting at once cannot race.

          --status   list migrations with when each was applied; change nothing
        """

    static func run(_ arguments: Arguments) async throws {
        let database = try Database.resolve(localFallback: false)
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-migrate")
        defer { Task { await connection.close() } }
        if arguments.flag("status") {
            printStatus(try await Migrator().status(connection))
            return
        }
        let applied = try await Migrator().migrate(connection, progress: progressLine)
        print(applied.isEmpty ? "schema is current" : "applied \(applied.count) migration(s)")
    }

    static func printStatus(_ status: [Migrator.Status]) {
        for entry in status {
            let state = entry.appliedAt.map { "applied \(ISO8601DateFormatter().string(from: $0))" } ?? "pending"
            let drift = entry.checksumMatches ? "" : "  (CHANGED since applied)"
            print(String(format: "%04d  %-24@ %@%@", entry.migration.version, entry.migration.name as NSString, state, drift))
        }
    }
}
