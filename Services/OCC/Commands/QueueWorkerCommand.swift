import Foundation
import Postgres
import Queue
import Runtime

/// `occ jobs work`: a worker process for the probe job (benchmarks and crash tests).
enum QueueWorkerCommand: Command {
    static let path = ["jobs", "work"]
    static let summary = "run a queue worker process for benchmark/probe jobs until SIGTERM"
    static let help = """
        usage: occ jobs work [--queue NAME] [--concurrency N] [--batch N] [--lease-ms N] [--rescue-ms N] [--poll-ms N] [--no-listen]

        Works `queue_probe` jobs from DATABASE_URL until SIGTERM/SIGINT (graceful drain). Used by
        `occ bench queue` for multi-process drains and by the crash tests.
        """
    static let valuedOptions: Set<String> = ["queue", "concurrency", "batch", "lease-ms", "rescue-ms", "poll-ms", "pool"]

    static func run(_ arguments: Arguments) async throws {
        let database = try Database.resolve(localFallback: false)
        var configuration = JobWorker.Configuration(queues: [arguments.string("queue") ?? "probe": try arguments.int("concurrency", default: 1000)])
        configuration.batchSize = try arguments.int("batch", default: 1000)
        configuration.leaseDuration = .milliseconds(try arguments.int("lease-ms", default: 30_000))
        configuration.heartbeatInterval = configuration.leaseDuration / 3
        configuration.rescueInterval = .milliseconds(try arguments.int("rescue-ms", default: 5_000))
        configuration.pollInterval = .milliseconds(try arguments.int("poll-ms", default: 1_000))
        configuration.listen = !arguments.flag("no-listen")
        let pool = PostgresPool(.init(conninfo: database.conninfo, maxConnections: try arguments.int("pool", default: 4), applicationName: "occ-worker"))
        let logger = Logger(service: "occ-worker")
        let worker = JobWorker(pool: pool, conninfo: database.conninfo, registry: QueueProbeHandler.registry(pool: pool),
                               configuration: configuration, logger: logger)
        try await ServiceGroup(services: [worker], logger: logger).run()
        await pool.close()
    }
}
