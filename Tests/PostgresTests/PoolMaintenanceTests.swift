import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite("Connection pool maintenance")
struct PoolMaintenanceTests {
    private static let pid = PostgresQuery("pid", "SELECT pg_backend_pid() AS pid")

    /// Leases `count` connections at once, so the pool opens that many, then returns them all.
    private static func openConnections(_ count: Int, in pool: PostgresPool) async throws {
        let holding = Countdown(count)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await pool.withConnection { _ in
                        holding.arrive()
                        await holding.reached.wait()
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("connections idle past the idle timeout are closed, down to the minimum")
    func idleTimeout() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let admin = try await db.connect()
        let pool = PostgresPool(
            .init(conninfo: db.conninfo, maxConnections: 4, applicationName: "occ-idle", minConnections: 1,
                  idleTimeout: .zero, keepAliveInterval: nil),
            hooks: .init(startsMaintenance: false))
        try await Self.openConnections(3, in: pool)
        #expect(pool.counts == (open: 3, idle: 3, waiting: 0))
        await pool.maintain()
        #expect(pool.counts == (open: 1, idle: 1, waiting: 0))
        try await ServerActivity.waitForSessions(1, database: db.name, applicationName: "occ-idle", observer: admin)
        await pool.close()
        await admin.close()
    }

    @Test("the background maintenance opens the minimum number of connections by itself")
    func minimumOpenedInBackground() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let admin = try await db.connect()
        let maintained = Gate()
        let pool = PostgresPool(
            .init(conninfo: db.conninfo, maxConnections: 4, applicationName: "occ-min", minConnections: 2),
            hooks: .init(maintained: { maintained.open() }))
        await maintained.wait()
        #expect(pool.counts == (open: 2, idle: 2, waiting: 0))
        try await ServerActivity.waitForSessions(2, database: db.name, applicationName: "occ-min", observer: admin)
        await pool.close()
        await admin.close()
    }

    @Test("an idle connection the server dropped is pinged before reuse and replaced, so the caller never sees it")
    func keepAliveBeforeReuse() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let admin = try await db.connect()
        let pool = PostgresPool(
            .init(conninfo: db.conninfo, maxConnections: 1, keepAliveInterval: .zero),
            hooks: .init(startsMaintenance: false))
        let pid = try await pool.query(Self.pid).single!.decode(Int.self, "pid")
        // With a timeout, pg_terminate_backend returns once the process is gone.
        try await admin.query(PostgresQuery("kill", "SELECT pg_terminate_backend($1, 10000)", [pid]))
        let newPid = try await pool.query(Self.pid).single!.decode(Int.self, "pid")
        #expect(newPid != pid)
        #expect(pool.counts == (open: 1, idle: 1, waiting: 0))
        await pool.close()
        await admin.close()
    }

    @Test("maintenance pings idle connections, closes dead ones and opens replacements up to the minimum")
    func maintenanceReplacesDeadConnections() async throws {
        let db = try await TestDatabase.create(template: .empty)
        let admin = try await db.connect()
        let pool = PostgresPool(
            .init(conninfo: db.conninfo, maxConnections: 2, applicationName: "occ-ping", minConnections: 2,
                  idleTimeout: nil, keepAliveInterval: .zero),
            hooks: .init(startsMaintenance: false))
        await pool.maintain()
        #expect(pool.counts == (open: 2, idle: 2, waiting: 0))
        let pids = try await admin.query(PostgresQuery(
            "pids", "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'occ-ping'", [db.name]
        )).map { try $0.decode(Int.self, "pid") }
        try #require(pids.count == 2)
        try await admin.query(PostgresQuery("kill", "SELECT pg_terminate_backend($1, 10000)", [pids[0]]))
        await pool.maintain()
        #expect(pool.counts == (open: 2, idle: 2, waiting: 0))
        let after = try await admin.query(PostgresQuery(
            "pids", "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'occ-ping'", [db.name]
        )).map { try $0.decode(Int.self, "pid") }
        #expect(after.count == 2 && after.contains(pids[1]) && !after.contains(pids[0]))
        await pool.close()
        await admin.close()
    }
}
