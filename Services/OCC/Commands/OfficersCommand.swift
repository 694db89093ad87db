import Foundation
import ServiceKit

/// `occ officers add --agency CODE --name NAME --staff-id ID`.
enum OfficersAddCommand: Command {
    static let path = ["officers", "add"]
    static let summary = "register a named officer of an agency"
    static let help = """
        usage: occ officers add --agency CODE --name NAME --staff-id ID

        Registers an officer of agency CODE (see 'occ agencies list') on DATABASE_URL and prints
        their id; issue them a key with 'occ keys issue --officer ID'. Agency actions and reads
        are recorded against the officer (officer:ID@CODE) with the purpose they state.
          --name NAME       how oversight sees them, 1 to 200 printable characters
          --staff-id ID     collar or warrant number: letters, digits, / . _ -, at most 32; stored
                            in upper case, unique among the agency's active officers
        The change is audited (by officer id; names and staff ids stay out of the audit log).
        """
    static let valuedOptions: Set<String> = ["agency", "name", "staff-id"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let (agency, name, staffID) = (try arguments.require("agency"), try arguments.require("name"), try arguments.require("staff-id"))
        let officer = try await Database.withOperatorPool { pool in
            do {
                return try await OfficerRegistry(pool: pool).add(agency: agency, name: name, staffID: staffID)
            } catch let error as OfficerRegistry.RegistryError {
                throw UsageError(error.description)
            }
        }
        print("officer \(officer.id)\t\(officer.agencyCode)\t\(officer.staffID)\t\(officer.name)")
        progressLine("issue their key with: occ keys issue --officer \(officer.id)")
    }
}

/// `occ officers list [--agency CODE]`.
enum OfficersListCommand: Command {
    static let path = ["officers", "list"]
    static let summary = "list officers, active and revoked"
    static let help = """
        usage: occ officers list [--agency CODE]

        Prints every officer (or only agency CODE's), one per line, tab-separated: id, agency,
        staff id, 'active' or 'revoked <time UTC>', name.
        """
    static let valuedOptions: Set<String> = ["agency"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions)
        let agency = arguments.string("agency")
        let officers = try await Database.withOperatorPool { pool in
            do {
                return try await OfficerRegistry(pool: pool).list(agency: agency)
            } catch let error as OfficerRegistry.RegistryError {
                throw UsageError(error.description)
            }
        }
        for officer in officers {
            let state = officer.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
            print("\(officer.id)\t\(officer.agencyCode)\t\(officer.staffID)\t\(state)\t\(officer.name)")
        }
    }
}

/// `occ officers revoke ID`.
enum OfficersRevokeCommand: Command {
    static let path = ["officers", "revoke"]
    static let summary = "revoke an officer and every key they hold"
    static let help = """
        usage: occ officers revoke ID

        Revokes officer ID and, in the same transaction, all their API keys: their next request
        is refused (401). The officer stays listed, and named in the audit log, as revoked.
        The change is audited.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.requireOnly(valued: valuedOptions, positionals: 1)
        guard let text = arguments.positionals.first, let id = Int64(text), id > 0 else {
            throw UsageError("give the officer's id (see 'occ officers list')")
        }
        let (officer, keys) = try await Database.withOperatorPool { pool in
            do {
                return try await OfficerRegistry(pool: pool).revoke(id: id)
            } catch let error as OfficerRegistry.RegistryError {
                throw UsageError(error.description)
            }
        }
        print("officer \(officer.id) (\(officer.agencyCode) \(officer.staffID)) revoked; keys revoked: \(keys.isEmpty ? "none" : keys.joined(separator: ", "))")
    }
}
