import HTTP
import Postgres
import Queue
import Runtime
import ServiceKit

/// The tasking executable's parts: the `task_referral` worker and the agency API, either or both
/// per `TaskingSettings.mode`. Built here once, for `main.swift` and the tests alike.
public struct TaskingService: Sendable {
    public let pool: PostgresPool
    /// nil in `api` mode.
    public let worker: JobWorker?
    public let router: Router
    public let server: HTTPServer

    public init(environment: ServiceEnvironment, settings: TaskingSettings) {
        let metrics = MetricsRegistry()
        pool = environment.makePool()
        if settings.mode.runsWorker {
            let handler = TaskingHandler(logger: environment.logger)
            var registry = JobWorkerRegistry()
            registry.register(TaskReferral.self) { [pool] args, context in
                try await pool.withConnection { try await handler.task(args, context: context, on: $0) }
            }
            worker = JobWorker(
                pool: pool, conninfo: environment.conninfo, registry: registry,
                configuration: environment.workerConfiguration(JobWorker.Configuration(queues: [TaskReferral.queue: settings.concurrency])),
                logger: environment.logger, metrics: metrics)
        } else {
            worker = nil
        }
        router = environment.makeRouter(metrics: metrics, pool: pool)
        if settings.mode.servesAPI {
            router.addOpenAPIDocument(TaskingOpenAPI.document)
            AgencyAPI(pool: pool, queue: JobQueue(pool: pool)).register(on: router, authenticator: APIKeyAuthenticator(pool: pool))
        }
        server = HTTPServer(router: router, configuration: environment.http, logger: environment.logger, metrics: metrics)
    }

    /// What `ServiceGroup` runs: the HTTP server (the API, or health and metrics only) and the worker if any.
    public var services: [any Service] { [server] + (worker.map { [$0] } ?? []) }
}
