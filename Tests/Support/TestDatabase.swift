import Foundation
import Postgres
import Schema
import Synchronization

/// A fresh, migrated database on a throwaway PostgreSQL server shared by one test process.
///
/// The server starts on first use (initdb in a temporary folder, Unix socket only) and stops at
/// process exit. Each test gets its own database, copied from a migrated template, so tests can
/// run in parallel without seeing each other's rows. `conninfo` is the superuser's, for setup
/// and inspection; services connect with `conninfo(as:)` or `login(_:boundTo:)`.
public struct TestDatabase: Sendable {
    public let name: String
    public let conninfo: String
    public let cluster: PostgresLocalCluster

    /// Creates a new database, migrated to the latest schema unless `template` is `.empty`, on
    /// `server`.
    public static func create(template: TemplateKind = .migrated, server: Server = .shared) async throws -> TestDatabase {
        switch server {
        case .shared: try await TestServer.shared.createDatabase(template: template)
        case .feeds: try await TestServer.feeds.createDatabase(template: template)
        case .roles: try await TestServer.roles.createDatabase(template: template)
        }
    }

    /// Which throwaway server. Partner feeds hand an item out only once every older transaction
    /// on the whole server has ended (docs/polling.md), so tests that poll feeds get a server of
    /// their own, away from tests that hold transactions open on purpose (or stall under load).
    /// Roles are the server's, not a database's: migration 5 sets limits on every service login
    /// of the server, so a test that sets a role's own limits while other tests migrate can
    /// collide with them (23505 on `pg_db_role_setting`); such tests get `roles`.
    public enum Server: Sendable { case shared, feeds, roles }

    public func connect() async throws -> PostgresConnection {
        try await PostgresConnection.connect(conninfo, applicationName: "occ-test")
    }

    public func pool(maxConnections: Int = 4) -> PostgresPool {
        PostgresPool(.init(conninfo: conninfo, maxConnections: maxConnections, acquireTimeout: .seconds(10), applicationName: "occ-test"))
    }

    public enum TemplateKind: Sendable { case empty, migrated }
}

/// Starts the server once and hands out databases; serialises CREATE DATABASE, which needs an
/// idle template.
actor TestServer {
    static let shared = TestServer()
    static let feeds = TestServer()
    static let roles = TestServer()
    /// Shared by concurrent callers, like the template: the actor is re-entered while initdb runs.
    private var cluster: Task<PostgresLocalCluster, Error>?
    /// Shared by concurrent callers: the actor is re-entered while the template is being built.
    private var migratedTemplate: Task<Void, Error>?
    private var counter = 0

    func createDatabase(template: TestDatabase.TemplateKind) async throws -> TestDatabase {
        let cluster = try await started()
        if template == .migrated {
            let preparation = migratedTemplate ?? Task { try await Self.prepareTemplate(cluster) }
            migratedTemplate = preparation
            try await preparation.value
        }
        counter += 1
        let name = "test_\(getpid())_\(counter)"
        let admin = try await PostgresConnection.connect(cluster.conninfo(), applicationName: "occ-test-admin")
        defer { Task { await admin.close() } }
        let source = template == .migrated ? "occ_template" : "template0"
        // Identifiers cannot be bound as parameters; `name` is built from digits above.
        try await admin.execute("CREATE DATABASE \(name) TEMPLATE \(source)", name: "create_test_database")
        return TestDatabase(name: name, conninfo: cluster.conninfo(database: name), cluster: cluster)
    }

    private func started() async throws -> PostgresLocalCluster {
        let starting = cluster ?? Task {
            // The whole suite runs its suites in parallel and each pipeline harness holds about 25
            // connections: 300 (the local cluster's default) ran out on the shared server, and 600
            // once the console's suites joined (connects refused across unrelated suites).
            // In memory (PostgresLocalCluster.parentFolder), so WAL is capped lower than on disk.
            let cluster = try await PostgresLocalCluster.start(durable: false, settings: ["max_connections": "1200", "max_wal_size": "1GB"])
            TestServerRegistry.register(cluster)
            return cluster
        }
        cluster = starting
        return try await starting.value
    }

    private static func prepareTemplate(_ cluster: PostgresLocalCluster) async throws {
        let admin = try await PostgresConnection.connect(cluster.conninfo(), applicationName: "occ-test-admin")
        try await admin.execute("CREATE DATABASE occ_template TEMPLATE template0", name: "create_template")
        await admin.close()
        let template = try await PostgresConnection.connect(cluster.conninfo(database: "occ_template"), applicationName: "occ-test-admin")
        try await Migrator().migrate(template)
        try await TestLogins.createExchangeLogins(on: template)
        await template.close()
    }
}

/// Stops every throwaway server when the test process exits.
enum TestServerRegistry {
    private static let clusters = Mutex<[PostgresLocalCluster]>([])

    static func register(_ cluster: PostgresLocalCluster) {
        let first = clusters.withLock { list -> Bool in
            list.append(cluster)
            return list.count == 1
        }
        if first { atexit { TestServerRegistry.stopAll() } }
    }

    static func stopAll() {
        for cluster in clusters.withLock({ $0 }) { cluster.stop() }
    }
}
