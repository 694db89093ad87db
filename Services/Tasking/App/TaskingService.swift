import HTTP
import Postgres
import Queue
import Runtime
import ServiceKit

/// The tasking executable's parts: the `task_referral` worker and the agency API.
/// Built here once, for `main.swift` and the tests alike.
public struct TaskingService: Sendable {
    public let pool: PostgresPool
    public let worker: JobWorker
    public let router: Router
    public let server: HTTPServer

    public init(environment: ServiceEnvironment, settings: TaskingSettings) {
        let metrics = MetricsRegistry()
        pool = environment.makePool()
        let queue = JobQueue(pool: pool)
        let handler = TaskingHandler(logger: environment.logger)
        var registry = JobWorkerRegistry()
        registry.register(TaskReferral.self) { [pool] args, context in
            try await pool.withConnection { try await handler.task(args, context: context, on: $0) }
        }
        worker = JobWorker(
            pool: pool, conninfo: environment.databaseURL, registry: registry,
            configuration: environment.workerConfiguration(JobWorker.Configuration(queues: [TaskReferral.queue: settings.concurrency])),
            logger: environment.logger, metrics: metrics)
        router = environment.makeRouter(metrics: metrics, pool: pool)
        AgencyAPI(pool: pool, queue: queue).register(on: router, authenticator: APIKeyAuthenticator(pool: pool))
        server = HTTPServer(router: router, configuration: environment.http, logger: environment.logger, metrics: metrics)
    }

    /// What `ServiceGroup` runs: the API server and the worker.
    public var services: [any Service] { [server, worker] }
}
