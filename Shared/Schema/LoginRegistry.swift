import Postgres

/// Creates, lists and revokes the database logins services connect with, each bound to what it
/// speaks for (`occ_login_bindings`). The caller's connection must be able to create roles
/// (CREATEROLE or superuser) and write the bindings (the schema owner, who runs `occ migrate`);
/// `add` and `revoke` run inside the caller's transaction, so the role, its memberships and its
/// binding appear or vanish together.
public struct LoginRegistry: Sendable {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// A login as `list` reports it: a member of the exchange's groups, bound in this database, or both.
    public struct Login: Sendable, Hashable {
        public let name: String
        public let groups: [String]
        /// nil: in no binding here, so it sees no organisation's rows.
        public let binding: LoginBinding?
        public let canLogin: Bool
        /// false for a binding whose role has been dropped.
        public let exists: Bool
    }

    /// Creates login `name` for `service`, bound to `binding`. `password` (at least 12
    /// characters) is sent as a SCRAM verifier only; nil creates a login that authenticates by
    /// other means (peer, certificate, a test cluster's trust).
    public func add(name: String, service: ServiceLogin, binding: LoginBinding, password: String?) async throws {
        guard Self.isValidName(name) else { throw LoginError.invalidName(name) }
        guard service.allows(binding) else { throw LoginError.bindingNotAllowed(service, binding) }
        if let password, password.count < 12 { throw LoginError.shortPassword }
        try await requireMigrated()
        guard try await connection.query(LoginQueries.role.binding(name)).isEmpty else { throw LoginError.exists(name) }
        switch binding {
        case .agency(let code) where try await connection.query(LoginQueries.agencyExists.binding(code)).isEmpty:
            throw LoginError.unknownAgency(code)
        case .partner(let id) where try await connection.query(LoginQueries.partnerExists.binding(id)).isEmpty:
            throw LoginError.unknownPartner(id)
        default:
            break
        }
        // Identifiers cannot be bound: they are quoted, and the verifier is checked to hold only
        // base64 and '$:-', so it cannot end its literal.
        let role = Self.quoted(name)
        var statements = ["CREATE ROLE \(role) LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"]
        if let password {
            let verifier = try await connection.scramVerifier(password: password, role: name)
            guard Self.isVerifier(verifier) else { throw LoginError.unexpectedVerifier }
            statements[0] += " PASSWORD '\(verifier)'"
        }
        statements += service.groups.map { "GRANT \($0) TO \(role)" }
        // Fail fast rather than queue forever on a lock or hold one from an abandoned transaction.
        statements += ["ALTER ROLE \(role) SET lock_timeout = '10s'", "ALTER ROLE \(role) SET idle_in_transaction_session_timeout = '60s'"]
        try await connection.execute(statements.joined(separator: ";\n"), name: "logins_create_role")
        try await connection.query(LoginQueries.bind.binding(name, binding.kind, binding.agencyCode, binding.partnerID))
    }

    /// Every login that is a member of one of the exchange's group roles or bound in this database.
    public func list() async throws -> [Login] {
        try await requireMigrated()
        return try await connection.query(LoginQueries.list).map { row in
            let binding: LoginBinding? = switch try row.decode(String?.self, "kind") {
            case "exchange": .exchange
            case "agency": .agency(code: try row.decode(String.self, "agency_code"))
            case "partner": .partner(id: try row.decode(Int64.self, "partner_id"))
            default: nil
            }
            return Login(
                name: try row.decode(String.self, "login"), groups: try row.decode([String].self, "groups"), binding: binding,
                canLogin: try row.decode(Bool.self, "can_login"), exists: try row.decode(Bool.self, "role_exists"))
        }
    }

    /// Stops `name` logging in, takes it out of the exchange's groups and removes its binding.
    /// The role itself stays (other databases on the server may know it); its open sessions are
    /// ended by `terminateSessions` once this transaction has committed.
    public func revoke(name: String) async throws {
        try await requireMigrated()
        let role = try await connection.query(LoginQueries.role.binding(name)).single
        if let role, try role.decode(Bool.self, "rolsuper") { throw LoginError.notAServiceLogin(name) }
        let wasBound = try await connection.query(LoginQueries.unbind.binding(name)).affectedRows == 1
        guard let role else {
            if !wasBound { throw LoginError.unknownLogin(name) }
            return
        }
        let groups = try role.decode([String].self, "groups")
        if !wasBound && groups.isEmpty { throw LoginError.notAServiceLogin(name) }
        let statements = ["ALTER ROLE \(Self.quoted(name)) NOLOGIN"] + groups.map { "REVOKE \(Self.quoted($0)) FROM \(Self.quoted(name))" }
        try await connection.execute(statements.joined(separator: ";\n"), name: "logins_revoke_role")
    }

    /// Ends `name`'s open sessions; false when the caller may not (it needs to be a superuser or a
    /// member of pg_signal_backend).
    public func terminateSessions(of name: String) async -> Bool {
        (try? await connection.query(LoginQueries.terminate.binding(name))) != nil
    }

    private func requireMigrated() async throws {
        guard try await connection.query(LoginQueries.bindingsExist).single?.decode(Bool.self, "present") == true else {
            throw LoginError.notMigrated
        }
    }

    /// Lower-case PostgreSQL identifiers that need no quoting, not the reserved `pg_` prefix,
    /// and not one of the group roles themselves.
    static func isValidName(_ name: String) -> Bool {
        guard (1...63).contains(name.utf8.count), !name.hasPrefix("pg_"), !ServiceLogin.groupRoles.contains(name),
              let first = name.first, first == "_" || (first.isASCII && first.isLowercase)
        else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
    }

    /// `identifier` as a quoted SQL identifier.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func isVerifier(_ text: String) -> Bool {
        text.hasPrefix("SCRAM-SHA-256$") && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=$:-".contains($0)) }
    }
}
