import Foundation
import Postgres
import Schema

/// `occ privileges`: the grants and policies table (docs/privileges.md).
enum PrivilegesCommand: Command {
    static let path = ["privileges"]
    static let summary = "print every role's privileges and the row-level-security policies as Markdown"
    static let help = """
        usage: occ privileges

        Reads the catalogue and prints, as Markdown, what every role holds on every table,
        sequence and function, and every row-level-security policy. Without DATABASE_URL it
        migrates a throwaway local PostgreSQL first: that output is docs/privileges.md
        (\(PrivilegeTable.regenerate)). With DATABASE_URL it describes that database, so a
        deployment can be compared with the document.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.rejectUnexpected(valued: [])
        let database = try Database.resolve(localFallback: true, durable: false)
        defer { database.stop() }
        let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-privileges")
        do {
            if database.cluster != nil { try await Migrator().migrate(connection) }
            let document = try await PrivilegeTable.markdown(on: connection)
            await connection.close()
            print(document, terminator: "")
        } catch {
            await connection.close()
            throw error
        }
    }
}
