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
    _ body: (JobWorker) async throws -> T
) async throws -> T {
    let pool = db.pool(maxConnections: 6)
    let worker = JobWorker(pool: pool, conninfo: db.conninfo, registry: registry, configuration: configuration, logger: quietLogger())
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

/// Polls `condition` every 20 ms until true or the deadline passes; returns whether it became true.
func eventually(within limit: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

func count(_ pool: PostgresPool, _ sql: String, _ binds: [any PostgresEncodable] = []) async throws -> Int {
    try await pool.query(PostgresQuery("test_count", sql, binds)).single?.decode(Int.self, at: 0) ?? 0
}

struct WorkerDidNotStart: Error {}
