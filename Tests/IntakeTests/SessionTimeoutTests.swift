import Foundation
import HTTP
import Postgres
import Runtime
import Schema
import ServiceKit
import Testing
import TestSupport

@Suite("Database time limits for service logins")
struct SessionTimeoutTests {
    /// A new LOGIN member of `group`, named uniquely (roles are cluster-wide, tests run in parallel).
    static func login(in group: String, on admin: PostgresConnection) async throws -> String {
        let name = "occ_test_\(group.dropFirst(4))_\(UUID().uuidString.prefix(8).lowercased())"
        // Identifiers cannot be bound; both parts are constants of this file or hex digits.
        try await admin.execute("CREATE ROLE \(name) LOGIN IN ROLE \(group)", name: "test_create_login")
        return name
    }

    static func environment(_ database: TestDatabase, user: String, _ timeouts: SessionTimeouts) -> ServiceEnvironment {
        ServiceEnvironment(
            databaseURL: database.cluster.conninfo(database: database.name, user: user), poolSize: 2, sessionTimeouts: timeouts,
            http: HTTPServer.Configuration(host: "127.0.0.1", port: 0), logger: Logger(service: "intake-test", level: .critical))
    }

    /// Waits, inside one statement on `admin`, until backend `pid` has exited; false after 30 s.
    /// The server ends the session on its own timer: this observes that, it does not guess a delay.
    static func waitForExit(of pid: Int, on admin: PostgresConnection) async throws -> Bool {
        try await admin.execute("""
            CREATE OR REPLACE FUNCTION pg_temp.occ_test_wait_exit(target integer) RETURNS boolean LANGUAGE plpgsql AS $$
            DECLARE started timestamptz := clock_timestamp();
            BEGIN
                LOOP
                    -- pg_stat_activity is a snapshot per transaction unless cleared.
                    PERFORM pg_stat_clear_snapshot();
                    IF NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = target) THEN RETURN true; END IF;
                    IF clock_timestamp() - started > interval '30 seconds' THEN RETURN false; END IF;
                    PERFORM pg_sleep(0.01);
                END LOOP;
            END $$
            """, name: "test_wait_function")
        let row = try await admin.query(PostgresQuery("test_wait_exit", "SELECT pg_temp.occ_test_wait_exit($1) AS gone").binding(pid)).single
        return try row?.decode(Bool.self, "gone") ?? false
    }

    @Test("a statement over the limit fails with 57014, which the services answer with a 503")
    func statementTimeout() async throws {
        let database = try await TestDatabase.create()
        let admin = try await database.connect()
        let login = try await Self.login(in: "occ_intake", on: admin)
        await admin.close()
        let pool = Self.environment(database, user: login, SessionTimeouts(statement: .milliseconds(200))).makePool()
        let error = await #expect(throws: PostgresError.self) {
            // Nothing else cancels it: only the statement timeout can end it before its 30 s.
            try await pool.query(PostgresQuery("test_long", "SELECT pg_sleep(30)"))
        }
        #expect(error?.sqlState == .queryCanceled)
        #expect(error?.isUnavailability == true)
        #expect(error.flatMap { DatabaseUnavailable.mapping($0) }?.status == .serviceUnavailable)
        // The pool's connection survived the cancelled statement.
        #expect(try await pool.query(PostgresQuery("test_alive", "SELECT current_user AS who")).single?.decode(String.self, "who") == login)
        await pool.close()
    }

    @Test("a transaction left idle past the limit is ended by the server and its connection replaced")
    func idleInTransaction() async throws {
        let database = try await TestDatabase.create()
        let admin = try await database.connect()
        let login = try await Self.login(in: "occ_intake", on: admin)
        let pool = Self.environment(database, user: login, SessionTimeouts(idleInTransaction: .milliseconds(300))).makePool()
        let error = await #expect(throws: PostgresError.self) {
            try await pool.transaction { connection in
                let pid = try #require(try await connection.query(
                    PostgresQuery("test_pid", "SELECT pg_backend_pid() AS pid")).single?.decode(Int.self, "pid"))
                #expect(try await Self.waitForExit(of: pid, on: admin))
                try await connection.query(PostgresQuery("test_after", "SELECT 1 AS one"))
            }
        }
        #expect(error?.isUnavailability == true)
        // The pool dropped the dead session and opens a fresh one.
        #expect(try await pool.query(PostgresQuery("test_fresh", "SELECT 1 AS one")).single?.decode(Int.self, "one") == 1)
        await pool.close()
        await admin.close()
    }

    @Test("migration 5 gives existing service logins their limits, the operator's none on statements, and keeps a DBA's own")
    func migrationSetsLoginLimits() async throws {
        let database = try await TestDatabase.create(template: .empty, server: .roles)
        let admin = try await database.connect()
        try await Migrator(migrations: Migrations.all.filter { $0.version < 5 }).migrate(admin)
        let intake = try await Self.login(in: "occ_intake", on: admin)
        let operatorLogin = try await Self.login(in: "occ_operator", on: admin)
        let tuned = try await Self.login(in: "occ_tasking", on: admin)
        try await admin.execute("ALTER ROLE \(tuned) SET statement_timeout = '45s'", name: "test_dba_setting")
        try await Migrator().migrate(admin)
        await admin.close()
        let expected = [intake: ["15s", "30s", "10s"], operatorLogin: ["0", "10min", "30s"], tuned: ["45s", "30s", "10s"]]
        for (login, limits) in expected {
            // Connected without the service's startup options: what every other session of the login gets.
            let connection = try await PostgresConnection.connect(database.cluster.conninfo(database: database.name, user: login))
            let row = try #require(try await connection.query(PostgresQuery("test_limits", """
                SELECT current_setting('statement_timeout') AS statement,
                       current_setting('idle_in_transaction_session_timeout') AS idle,
                       current_setting('lock_timeout') AS lock
                """)).single)
            await connection.close()
            #expect(try [row.decode(String.self, "statement"), row.decode(String.self, "idle"), row.decode(String.self, "lock")] == limits)
        }
    }
}
