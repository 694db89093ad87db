import Foundation
import Postgres
import Schema
import ServiceKit

/// `occ logins add --service S (--agency CODE | --partner ID | --exchange) --name NAME`.
enum LoginsAddCommand: Command {
    static let path = ["logins", "add"]
    static let summary = "create a database login for one service, bound to an agency, a partner or the exchange"
    static let help = """
        usage: occ logins add --service SERVICE (--agency CODE | --partner ID | --exchange) --name NAME [--no-password]

        Creates the PostgreSQL login NAME that one deployment of SERVICE connects with, a member
        of that service's group roles only (no superuser, CREATEROLE, CREATEDB, replication or
        BYPASSRLS), and binds it in this database to what it speaks for. Row-level security
        derives the organisation from the login itself: a login bound to an agency or partner
        sees only that organisation's rows whatever it sets.

          SERVICE    groups                          may be bound to
          intake     occ_intake                      --partner ID (a partner's own intake) or --exchange
          tasking-api occ_agency_api                 --agency CODE (an agency's own API) or --exchange
          tasking    occ_tasking + occ_agency_api    --exchange (worker and API, TASKING_MODE=all)
          tasking-worker occ_tasking                 --exchange
          enrichment, feedback, operator             --exchange

        The password is read from OCC_LOGIN_PASSWORD, or else from standard input (one line; not
        echoed on a terminal); at least 12 characters. Only its SCRAM verifier, computed here,
        is sent to the server. --no-password creates a login that authenticates otherwise
        (certificate, peer). Run as the schema owner with CREATEROLE (the login that runs
        occ migrate). The change is audited.

        Example: occ logins add --service tasking-api --agency NCA_TICAT --name occ_agency_api_nca
        """
    static let valuedOptions: Set<String> = ["service", "agency", "partner", "name"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.rejectUnexpected(valued: valuedOptions, flags: ["exchange", "no-password"])
        guard let service = ServiceLogin(rawValue: try arguments.require("service")) else {
            throw UsageError("--service must be one of \(ServiceLogin.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let binding = try binding(arguments)
        let name = try arguments.require("name")
        let password = arguments.flag("no-password") ? nil : try readPassword()
        try await withAdminConnection { connection in
            try await connection.transaction { connection in
                try await LoginRegistry(connection: connection).add(name: name, service: service, binding: binding, password: password)
                try await AuditLog.append(AuditEvent(
                    actor: "operator", action: "login.added", subjectType: "login", subjectID: name,
                    detail: ["service": service.rawValue, "binding": binding.description]), on: connection)
            }
        }
        print("login \(name) created: member of \(service.groups.joined(separator: ", ")), bound to \(binding)")
    }

    private static func binding(_ arguments: Arguments) throws(UsageError) -> LoginBinding {
        switch (arguments.string("agency"), arguments.string("partner"), arguments.flag("exchange")) {
        case (let code?, nil, false):
            return .agency(code: code)
        case (nil, let partner?, false):
            guard let id = Int64(partner), id > 0 else { throw UsageError("--partner must be a partner id") }
            return .partner(id: id)
        case (nil, nil, true):
            return .exchange
        default:
            throw UsageError("give exactly one of --agency, --partner or --exchange")
        }
    }

    /// OCC_LOGIN_PASSWORD, or one line of standard input (echo off on a terminal).
    private static func readPassword() throws -> String {
        if let password = ProcessInfo.processInfo.environment["OCC_LOGIN_PASSWORD"], !password.isEmpty { return password }
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            FileHandle.standardError.write(Data("password for the new login: ".utf8))
            tcgetattr(STDIN_FILENO, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        }
        let line = readLine(strippingNewline: true)
        if terminal {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line, !line.isEmpty else {
            throw UsageError("no password: set OCC_LOGIN_PASSWORD or give it on standard input (or pass --no-password)")
        }
        return line
    }
}

/// `occ logins list`.
enum LoginsListCommand: Command {
    static let path = ["logins", "list"]
    static let summary = "list the exchange's database logins, their groups and what each is bound to"
    static let help = """
        usage: occ logins list

        Prints every login that is a member of an occ_* group role or bound in this database:
        name, groups, binding (exchange, agency CODE, partner ID, or 'UNBOUND': it sees no
        organisation's rows) and whether it can log in.
        """

    static func run(_ arguments: Arguments) async throws {
        try arguments.rejectUnexpected(valued: [])
        let logins = try await withAdminConnection { try await LoginRegistry(connection: $0).list() }
        for login in logins {
            let groups = login.groups.isEmpty ? "-" : login.groups.joined(separator: ",")
            let state = !login.exists ? "role dropped" : login.canLogin ? "can log in" : "NOLOGIN"
            print("\(login.name)\t\(groups)\t\(login.binding?.description ?? "UNBOUND")\t\(state)")
        }
    }
}

/// `occ logins revoke --name NAME`.
enum LoginsRevokeCommand: Command {
    static let path = ["logins", "revoke"]
    static let summary = "stop a login: NOLOGIN, out of the exchange's groups, binding removed, sessions ended"
    static let help = """
        usage: occ logins revoke --name NAME

        Makes NAME unable to log in, revokes its membership of every occ_* group, removes its
        binding in this database (so it sees nothing even if re-enabled) and ends its open
        sessions. The role itself is kept, since other databases on the server may know it: a
        DBA drops it when nothing refers to it. Superusers are refused. The change is audited.
        """
    static let valuedOptions: Set<String> = ["name"]

    static func run(_ arguments: Arguments) async throws {
        try arguments.rejectUnexpected(valued: valuedOptions)
        let name = try arguments.require("name")
        let ended = try await withAdminConnection { connection in
            try await connection.transaction { connection in
                try await LoginRegistry(connection: connection).revoke(name: name)
                try await AuditLog.append(AuditEvent(
                    actor: "operator", action: "login.revoked", subjectType: "login", subjectID: name), on: connection)
            }
            return await LoginRegistry(connection: connection).terminateSessions(of: name)
        }
        print("login \(name) revoked" + (ended ? "" : "; its open sessions could not be ended (needs pg_signal_backend): end them with pg_terminate_backend"))
    }
}

/// One connection on DATABASE_URL for a logins command; a `LoginError` is the caller's mistake.
private func withAdminConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
    let database = try Database.resolve(localFallback: false)
    let connection = try await PostgresConnection.connect(database.conninfo, applicationName: "occ-logins")
    do {
        let value = try await body(connection)
        await connection.close()
        return value
    } catch let error as LoginError {
        await connection.close()
        throw UsageError(error.description)
    } catch {
        await connection.close()
        throw error
    }
}
