import Postgres
import Schema

/// The least-privilege LOGIN roles the services connect with, made as a deployment makes them
/// (`LoginRegistry`, which `occ logins add` and `deploy/postgres/roles.sql` mirror): each a member
/// of its service's group roles only — no superuser, CREATEROLE, CREATEDB, replication or
/// BYPASSRLS — and bound to the exchange, as the exchange's own multi-tenant services are.
enum ServiceLogins {
    /// `occ_<service>_login`, the name roles.sql gives by default.
    static func login(_ service: String) -> String { "occ_\(service)_login" }

    /// The executable's name → what its login is for (tasking runs worker and agency API together).
    static let kinds: [String: ServiceLogin] = ["intake": .intake, "enrichment": .enrichment, "tasking": .tasking, "feedback": .feedback]

    static func create(services: [String], on connection: PostgresConnection) async throws {
        try await connection.transaction { connection in
            let registry = LoginRegistry(connection: connection)
            for service in services {
                // No password: the throwaway server trusts its own socket.
                try await registry.add(name: login(service), service: kinds[service]!, binding: .exchange, password: nil)
            }
        }
    }

    static let privileges = PostgresQuery("faults_login_privileges", """
        SELECT rolname FROM pg_roles
        WHERE rolname = ANY($1::text[]) AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)
        """)

    /// Refuses to go on if any login could do more than its groups allow.
    static func verify(services: [String], on connection: PostgresConnection) async throws {
        let logins = services.map(login)
        if let row = try await connection.query(privileges.binding(logins)).single {
            throw FaultSuiteError("login \(try row.decode(String.self, "rolname")) is privileged; the suite needs least-privilege logins")
        }
    }
}

/// The suite could not run (as opposed to a fault that failed its checks).
struct FaultSuiteError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
