import Postgres
import Schema
import Synchronization

/// The least-privilege logins services connect with in tests, as a deployment creates them
/// (`LoginRegistry`, the code behind `occ logins add`): never the superuser.
extension TestDatabase {
    /// The conninfo of `service`'s exchange login (multi-tenant, bound `exchange`). These logins
    /// are created once per test server and bound in the migrated template, so every migrated
    /// test database has them.
    public func conninfo(as service: ServiceLogin) -> String {
        cluster.conninfo(database: name, user: TestLogins.exchangeLogin(service))
    }

    /// A new login of `service` bound to `binding` in this database only (its name is unique on
    /// the server); returns its conninfo. The test server trusts local connections, so no password.
    public func login(_ service: ServiceLogin, boundTo binding: LoginBinding) async throws -> String {
        let login = "occ_\(name)_\(TestLogins.next())"
        let admin = try await connect()
        do {
            try await admin.transaction { try await LoginRegistry(connection: $0).add(name: login, service: service, binding: binding, password: nil) }
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
        return cluster.conninfo(database: name, user: login)
    }
}

/// Names of the test logins, and their creation in the migrated template.
public enum TestLogins {
    private static let counter = Atomic<Int>(0)

    public static func exchangeLogin(_ service: ServiceLogin) -> String {
        "occ_test_" + service.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    static func next() -> Int {
        counter.add(1, ordering: .relaxed).newValue
    }

    /// Creates every service's exchange login and binds it in `template` (once per test server).
    public static func createExchangeLogins(on template: PostgresConnection) async throws {
        try await template.transaction { connection in
            let registry = LoginRegistry(connection: connection)
            for service in ServiceLogin.allCases {
                try await registry.add(name: exchangeLogin(service), service: service, binding: .exchange, password: nil)
            }
        }
    }
}
