import Foundation
import Postgres
import ServiceKit

/// `occ operations add --agency CODE NAME`: an operation name officers' notes may not mention.
enum OperationsAddCommand: Command {
    static let path = ["operations", "add"]
    static let summary = "list an agency's operation name, which notes to partners may not contain"
    static let help = """
        usage: occ operations add --agency CODE NAME

        Adds NAME (3 to 200 characters, e.g. "Operation Tiburon") for agency CODE. The note
        screen refuses any note for partners that contains a listed name (of any agency), whole
        words, ignoring case. Names are data: a new one applies to the next note screened.
        The change is audited (by id; the name stays out of the audit log).
        """
    static let valuedOptions: Set<String> = ["agency"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        let agency = try arguments.require("agency")
        guard let name = arguments.positionals.first?.trimmingCharacters(in: .whitespaces), (3...200).contains(name.count),
              !name.contains(where: { $0.isNewline })
        else { throw UsageError("NAME must be 3 to 200 characters on one line") }
        let id = try await Database.withOperatorPool { pool in
            try await pool.transaction { connection in
                guard try await connection.query(OperationQueries.agencyExists.binding(agency)).single != nil else {
                    throw UsageError("no agency with code \(agency)")
                }
                guard let row = try await connection.query(OperationQueries.insert.binding(agency, name)).single else {
                    throw UsageError("\(agency) already lists that operation name")
                }
                let id = try row.decode(Int64.self, "id")
                try await AuditLog.append(AuditEvent(
                    actor: "operator", action: "operation_name.added", subjectType: "operation_name", subjectID: String(id),
                    detail: ["agency": agency]), on: connection)
                return id
            }
        }
        print("operation \(id)\t\(agency)\t\(name)")
    }
}

/// `occ operations list [--agency CODE]`.
enum OperationsListCommand: Command {
    static let path = ["operations", "list"]
    static let summary = "list the operation names notes to partners may not contain"
    static let help = """
        usage: occ operations list [--agency CODE]

        Prints each listed operation name, one per line, tab-separated: id, agency, name.
        """
    static let valuedOptions: Set<String> = ["agency"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let rows = try await Database.withOperatorPool { try await $0.query(OperationQueries.list.binding(arguments.string("agency"))) }
        for row in rows {
            print("\(try row.decode(Int64.self, "id"))\t\(try row.decode(String.self, "agency_code"))\t\(try row.decode(String.self, "name"))")
        }
    }
}

/// `occ operations remove ID`.
enum OperationsRemoveCommand: Command {
    static let path = ["operations", "remove"]
    static let summary = "remove a listed operation name (audited)"
    static let help = """
        usage: occ operations remove ID

        Removes operation name ID (see 'occ operations list'); notes are no longer screened for it.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: [], positionals: 1)
        guard let id = arguments.positionals.first.flatMap(Int64.init) else { throw UsageError("ID must be an operation name's id") }
        try await Database.withOperatorPool { pool in
            try await pool.transaction { connection in
                guard try await connection.query(OperationQueries.remove.binding(id)).affectedRows == 1 else {
                    throw UsageError("no operation name with id \(id)")
                }
                try await AuditLog.append(AuditEvent(
                    actor: "operator", action: "operation_name.removed", subjectType: "operation_name", subjectID: String(id)),
                    on: connection)
            }
        }
        print("removed operation name \(id)")
    }
}

/// Statements on `operation_names`.
enum OperationQueries {
    static let agencyExists = PostgresQuery("operation_names_agency_exists", "SELECT 1 FROM agencies WHERE code = $1")
    static let insert = PostgresQuery(
        "operation_names_insert",
        "INSERT INTO operation_names (agency_code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id")
    static let list = PostgresQuery(
        "operation_names_list",
        "SELECT id, agency_code, name FROM operation_names WHERE $1::text IS NULL OR agency_code = $1 ORDER BY agency_code, id")
    static let remove = PostgresQuery("operation_names_remove", "DELETE FROM operation_names WHERE id = $1")
}
