import Foundation
import Glibc
@testable import Postgres
import Testing
import TestSupport

/// Faults that need the server paused (SIGSTOP on the postmaster) or reached over TCP, on a
/// server of their own; serialized, since a pause stalls every new connection to it.
@Suite("Paused server and TCP", .serialized)
struct PausedServerTests {
    private static let one = PostgresQuery("one", "SELECT 1 AS v")

    @Test("a failed connect passes its slot to a queued waiter, which tries for itself")
    func failedConnectWakesWaiter() async throws {
        let (cluster, database) = try await PausableServer.shared.createDatabase()
        let admin = try await PostgresConnection.connect(cluster.conninfo(), applicationName: "occ-test-admin")
        // Connections to the database are refused, but only once the postmaster looks at them.
        try await admin.execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS false", name: "refuse_connections")
        let queued = Gate()
        // A stranded waiter would only give up after this long.
        let pool = PostgresPool(
            .init(conninfo: cluster.conninfo(database: database), maxConnections: 1, acquireTimeout: .seconds(30)),
            hooks: .init(waiterQueued: { queued.open() }, startsMaintenance: false))
        let watchdog = Watchdog(after: 60) { PausableServer.signal(cluster, SIGCONT) }
        PausableServer.signal(cluster, SIGSTOP)
        // One caller connects (and waits on the paused server), the other queues behind it.
        let first = Task { try await pool.query(Self.one) }
        let second = Task { try await pool.query(Self.one) }
        await queued.wait()
        PausableServer.signal(cluster, SIGCONT)
        // Both fail on their own connect: a stranded waiter would time out instead.
        for task in [first, second] {
            let error = try await #require(throws: PostgresError.self) { try await task.value }
            #expect(error.code == .connectionFailed)
        }
        #expect(pool.counts == (open: 0, idle: 0, waiting: 0))
        watchdog.disarm()
        await pool.close()
        await admin.close()
    }

    @Test("cancel returns at once even when the server cannot take the cancel request yet")
    func cancelNeverBlocksTheCaller() async throws {
        let (cluster, database) = try await PausableServer.shared.createDatabase()
        let connection = try await PostgresConnection.connect(cluster.conninfo(database: database))
        let observer = try await PostgresConnection.connect(cluster.conninfo(database: database))
        let pid = try await ServerActivity.pid(of: connection)
        let task = Task { try await connection.query(PostgresQuery("sleep", "SELECT pg_sleep(30)")) }
        try await ServerActivity.waitUntilSleeping(pid: pid, observer: observer)
        // Paused, the postmaster accepts no cancel request: a cancel sent in place would wait here
        // until the watchdog resumed it.
        let watchdog = Watchdog(after: 15) { PausableServer.signal(cluster, SIGCONT) }
        PausableServer.signal(cluster, SIGSTOP)
        connection.cancel()
        let blocked = watchdog.fired
        PausableServer.signal(cluster, SIGCONT)
        watchdog.disarm()
        #expect(!blocked, "cancel() waited for the server")
        // Once the server resumes, the queued request arrives and ends the statement.
        let error = try await #require(throws: PostgresError.self) { try await task.value }
        #expect(error.code == .cancelled)
        #expect(error.sqlState == .queryCanceled)
        await connection.close()
        await observer.close()
    }

    @Test("TCP keepalives and a TCP user timeout are on by default, and the conninfo overrides them")
    func tcpKeepalives() async throws {
        let (cluster, database) = try await PausableServer.shared.createDatabase()
        let tcp = "host=127.0.0.1 port=\(cluster.port) user=\(cluster.superuser) dbname=\(database)"
        let defaults = try await PostgresConnection.connect(tcp)
        #expect(try await Self.socketOptions(defaults) == [1, 30, 10, 3, 30_000])
        let overridden = try await PostgresConnection.connect("\(tcp) keepalives_idle=7 tcp_user_timeout=5000")
        #expect(try await Self.socketOptions(overridden) == [1, 7, 10, 3, 5_000])
        await defaults.close()
        await overridden.close()
    }

    /// SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT and TCP_USER_TIMEOUT of the session's socket.
    private static func socketOptions(_ connection: PostgresConnection) async throws -> [Int32] {
        let socket = try await connection.socketDescriptor()
        func option(_ level: Int32, _ name: Int32) -> Int32 {
            var value: Int32 = -1
            var length = socklen_t(MemoryLayout<Int32>.size)
            return getsockopt(socket, level, name, &value, &length) == 0 ? value : -1
        }
        let tcp = Int32(IPPROTO_TCP)
        return [option(SOL_SOCKET, SO_KEEPALIVE), option(tcp, TCP_KEEPIDLE), option(tcp, TCP_KEEPINTVL),
                option(tcp, TCP_KEEPCNT), option(tcp, TCP_USER_TIMEOUT)]
    }
}
