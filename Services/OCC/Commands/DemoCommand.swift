import Foundation
import Postgres
import Schema

/// `occ demo`: the whole referral flow on a local throwaway database (or DATABASE_URL).
enum DemoCommand: Command {
    static let path = ["demo"]
    static let summary = "run the referral-flow demo (local throwaway PostgreSQL unless DATABASE_URL is set)"
    static let help = """
        usage: occ demo

        Brings up PostgreSQL (a throwaway local server unless DATABASE_URL is set), applies the
        migrations and prints the schema status.
        """

    static func run(_ arguments: Arguments) async throws {
        let database = try Database.resolve(localFallback: true)
        defer { database.stop() }
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-demo")
        try await Migrator().migrate(connection, progress: progressLine)
        MigrateCommand.printStatus(try await Migrator().status(connection))
        await connection.close()
    }
}
