import Postgres

/// The least-privilege LOGIN roles the services connect with, created as
/// `deploy/postgres/roles.sql` creates them: each a member of its service's group role (which
/// holds the grants migrations gave it) and nothing more — no superuser, no CREATEROLE/CREATEDB,
/// no replication, no BYPASSRLS — with the same fail-fast session settings.
enum ServiceLogins {
    /// `occ_<service>_login`, the name roles.sql gives by default.
    static func login(_ service: String) -> String { "occ_\(service)_login" }

    static func create(services: [String], on connection: PostgresConnection) async throws {
        for service in services {
            // Role names cannot be bound as parameters; these come from the fixed list of services.
            let login = login(service)
            try await connection.execute("""
                CREATE ROLE \(login) LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                GRANT occ_\(service) TO \(login);
                ALTER ROLE \(login) SET lock_timeout = '10s';
                ALTER ROLE \(login) SET idle_in_transaction_session_timeout = '60s';
                """, name: "faults_create_login")
        }
    }

    static let privileges = PostgresQuery("faults_login_privileges", """
        SELECT rolname FROM pg_roles
        WHERE rolname = ANY($1::text[]) AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)
        """)

    /// Refuses to go on if any login could do more than its group allows.
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
