import Foundation
import Postgres
@testable import Queue
import Runtime
import Synchronization
import TestSupport

struct Ping: JobArgs {
    static let kind = "ping"
    var n: Int
}

/// Records what handlers saw, across tasks.
final class Recorder: Sendable {
    private let values = Mutex<[Int]>([])
    func add(_ value: Int) { values.withLock { $0.append(value) } }
    var all: [Int] { values.withLock { $0 } }
}

/// A registry whose `Ping` handler records each job's number and completes it.
func completingRegistry(recording seen: Recorder) -> JobWorkerRegistry {
    var registry = JobWorkerRegistry()
    registry.register(Ping.self) { ping, _ in seen.add(ping.n); return .complete }
    return registry
}

func quietLogger() -> Logger {
    Logger(service: "queue-test", level: .critical)
}

func fastConfiguration(_ queues: [String: Int] = ["default": 10]) -> JobWorker.Configuration {
    var configuration = JobWorker.Configuration(queues: queues)
    configuration.pollInterval = .milliseconds(100)
    configuration.rescueInterval = .milliseconds(200)
    configuration.heartbeatInterval = .milliseconds(500)
    configuration.backoff = { _ in .zero }
    return configuration
}

/// Runs a worker while `body` executes, then shuts it down gracefully.
func withWorker<T: Sendable>(
    _ db: TestDatabase, registry: JobWorkerRegistry, configuration: JobWorker.Configuration,
    metrics: MetricsRegistry? = nil, _ body: (JobWorker) async throws -> T
) async throws -> T {
    let pool = db.pool(maxConnections: 6)
    let worker = JobWorker(pool: pool, conninfo: db.conninfo, registry: registry, configuration: configuration,
                           logger: quietLogger(), metrics: metrics)
    let running = Task { try await worker.run() }
    do {
        guard try await eventually(within: .seconds(30), { worker.isReady }) else { throw WorkerDidNotStart() }
        let value = try await body(worker)
        worker.shutdown()
        try await running.value
        await pool.close()
        return value
    } catch {
        running.cancel()
        _ = try? await running.value
        await pool.close()
        throw error
    }
}

func count(_ pool: PostgresPool, _ sql: String, _ binds: [any PostgresEncodable] = []) async throws -> Int {
    try await pool.query(PostgresQuery("test_count", sql, binds)).single?.decode(Int.self, at: 0) ?? 0
}

struct WorkerDidNotStart: Error {}

/// Cuts a test database off as a server restart would: no new sessions, and every open one
/// (pooled, listening, mid-transaction) terminated; `end` lets sessions in again.
enum DatabaseOutage {
    static func begin(_ db: TestDatabase) async throws {
        try await asAdmin(db) { admin in
            // An identifier cannot be a parameter; test database names are built from digits.
            try await admin.execute("ALTER DATABASE \(db.name) ALLOW_CONNECTIONS false", name: "test_block_database")
            // The two-argument form waits until each session has ended.
            try await admin.query(PostgresQuery("test_terminate_sessions", """
                SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE datname = $1
                """, [db.name]))
        }
    }

    static func end(_ db: TestDatabase) async throws {
        try await asAdmin(db) { try await $0.execute("ALTER DATABASE \(db.name) ALLOW_CONNECTIONS true", name: "test_unblock_database") }
    }

    private static func asAdmin(_ db: TestDatabase, _ body: (PostgresConnection) async throws -> Void) async throws {
        let admin = try await PostgresConnection.connect(db.cluster.conninfo(), applicationName: "occ-test-admin")
        do {
            try await body(admin)
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }
}

/// The value of a worker counter in `metrics`.
func counterValue(_ metrics: MetricsRegistry, _ name: String) -> Double {
    metrics.counter(name, help: "").value
}
