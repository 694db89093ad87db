import Foundation
import Postgres
import Queue
import Runtime
import Synchronization

/// The phases of `occ bench queue`.
struct QueueBench: Sendable {
    let pool: PostgresPool
    let conninfo: String
    let jobs: Int
    let seconds: Int

    private func probe(sleep: Int = 0) throws -> JobInsert {
        try JobInsert(QueueProbe(effect: false, sleepMilliseconds: sleep, enqueuedAt: Date().timeIntervalSince1970),
                      options: InsertOptions(queue: "probe"))
    }

    private func reset() async throws {
        try await pool.withConnection { connection in
            try await connection.execute("TRUNCATE occ_jobs, occ_job_history", name: "bench_truncate")
            // VACUUM refuses to run inside a multi-statement string (an implicit transaction).
            try await connection.execute("VACUUM ANALYZE occ_jobs", name: "bench_vacuum")
        }
    }

    func batchEnqueue() async throws -> Double {
        try await reset()
        let queue = JobQueue(pool: pool)
        let batch = try (0..<1000).map { _ in try probe() }
        let started = ContinuousClock.now
        try await pool.withConnection { connection in
            for _ in 0..<(jobs / 1000) { try await queue.enqueueBulk(batch, on: connection) }
        }
        return Double(jobs / 1000 * 1000) / (ContinuousClock.now - started).seconds
    }

    func singleEnqueue(producers: Int) async throws -> Double {
        let queue = JobQueue(pool: pool)
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<producers {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        try await queue.enqueue(QueueProbe(effect: false, sleepMilliseconds: 0, enqueuedAt: 0), options: InsertOptions(queue: "single"))
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(total) / (ContinuousClock.now - started).seconds
    }

    /// Loads `jobs` probe jobs, then times worker processes emptying the queue.
    func drain(processes: Int) async throws -> Double {
        try await reset()
        _ = try await batchEnqueue()
        try await pool.withConnection { connection in
            try await connection.execute("CHECKPOINT", name: "bench_checkpoint")
            try await connection.execute("ANALYZE occ_jobs", name: "bench_analyze")
        }
        let started = ContinuousClock.now
        let workers = try (0..<processes).map { _ in try startWorker() }
        defer { workers.forEach { $0.terminate(); $0.waitUntilExit() } }
        let remaining = PostgresQuery("bench_remaining", "SELECT EXISTS (SELECT 1 FROM occ_jobs WHERE queue = 'probe') AS any")
        while try await pool.query(remaining).single?.decode(Bool.self, "any") == true {
            try await Task.sleep(for: .milliseconds(20))
        }
        return Double(jobs / 1000 * 1000) / (ContinuousClock.now - started).seconds
    }

    private func startWorker() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["jobs", "work", "--queue", "probe", "--concurrency", "2000", "--batch", "1000", "--pool", "3"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = conninfo
        environment["LOG_LEVEL"] = "error"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Inserts one job every 1/rate seconds into a listening in-process worker.
    func steadyLatency(rate: Int) async throws -> LatencyRecorder {
        try await reset()
        let recorder = SharedLatency()
        return try await withProbeWorker(recorder) { queue in
            let interval = Duration.nanoseconds(1_000_000_000 / rate)
            var next = ContinuousClock.now
            for _ in 0..<(rate * seconds) {
                try await queue.enqueue(QueueProbe(effect: false, sleepMilliseconds: 0, enqueuedAt: Date().timeIntervalSince1970), options: InsertOptions(queue: "probe"))
                next += interval
                try await Task.sleep(until: next, clock: .continuous)
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// One job at a time into an idle worker.
    func idleLatency(samples: Int) async throws -> LatencyRecorder {
        try await reset()
        let recorder = SharedLatency()
        return try await withProbeWorker(recorder) { queue in
            for _ in 0..<samples {
                try await Task.sleep(for: .milliseconds(100))
                try await queue.enqueue(QueueProbe(effect: false, sleepMilliseconds: 0, enqueuedAt: Date().timeIntervalSince1970), options: InsertOptions(queue: "probe"))
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    private func withProbeWorker(_ recorder: SharedLatency, _ body: (JobQueue) async throws -> Void) async throws -> LatencyRecorder {
        let workerPool = PostgresPool(.init(conninfo: conninfo, maxConnections: 4, applicationName: "occ-bench-worker"))
        var configuration = JobWorker.Configuration(queues: ["probe": 100])
        configuration.pollInterval = .seconds(5)
        let registry = QueueProbeHandler.registry(pool: workerPool) { latency in
            recorder.record(seconds: latency)
        }
        let worker = JobWorker(pool: workerPool, conninfo: conninfo, registry: registry, configuration: configuration,
                               logger: Logger(service: "occ-bench", level: .error))
        let running = Task { try await worker.run() }
        try await Task.sleep(for: .milliseconds(300))
        try await body(JobQueue(pool: pool))
        worker.shutdown()
        try await running.value
        await workerPool.close()
        return recorder.snapshot
    }
}

/// A latency recorder shared with job handlers running on other tasks.
final class SharedLatency: Sendable {
    private let recorder = Mutex(LatencyRecorder())
    func record(seconds: Double) { recorder.withLock { $0.record(Duration.nanoseconds(Int64(seconds * 1e9))) } }
    var snapshot: LatencyRecorder { recorder.withLock { $0 } }
}
