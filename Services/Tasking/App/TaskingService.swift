import HTTP
import Postgres
import Queue
import Runtime
import ServiceKit

/// The tasking executable's parts: the `task_referral` worker (batched), the periodic
/// `chase_overdue_requests` and `sweep_sla` jobs, and the agency API (taskings, and requests to
/// partners), either or both per `TaskingSettings.mode`. Built here once, for `main.swift` and the tests alike.
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
            let chaser = ChaseHandler(queue: JobQueue(pool: pool), logger: environment.logger)
            var registry = JobWorkerRegistry()
            registry.register(TaskReferral.self) { [pool] args, context in
                try await pool.withConnection { try await handler.task([(args, context)], on: $0)[0] }
            }
            registry.registerBatch(TaskReferral.self) { [pool] batch in
                try await pool.withConnection { try await handler.task(batch, on: $0) }
            }
            registry.register(ChaseOverdueRequests.self) { [pool] _, context in
                try await pool.withConnection { try await chaser.chase(context: context, on: $0) }
            }
            let sweeper = SLASweeper(logger: environment.logger)
            registry.register(SweepSLA.self) { [pool] _, context in
                try await pool.withConnection { try await sweeper.run(context: context, on: $0) }
            }
            var queue = JobWorker.Configuration(queues: [TaskReferral.queue: settings.concurrency])
            queue.handlerBatches = [TaskReferral.queue: settings.batch]
            var configuration = environment.workerConfiguration(queue)
            configuration.periodic = [PeriodicJob(name: ChaseOverdueRequests.kind, every: settings.chaseInterval) { try ChaseOverdueRequests.insert() }]
            if let interval = settings.slaSweepInterval {
                // One insert per interval across every tasking process (occ_periodic_jobs); the
                // unique key keeps a slow sweep from overlapping the next.
                configuration.periodic.append(PeriodicJob(name: SweepSLA.kind, every: interval) {
                    try JobInsert(SweepSLA(), options: InsertOptions(queue: SweepSLA.queue, maxAttempts: 3, uniqueKey: SweepSLA.kind))
                })
            }
            worker = JobWorker(
                pool: pool, conninfo: environment.conninfo, registry: registry, configuration: configuration,
                logger: environment.logger, metrics: metrics)
        } else {
            worker = nil
        }
        router = environment.makeRouter(metrics: metrics, pool: pool)
        if settings.mode.servesAPI {
            router.addOpenAPIDocument(TaskingOpenAPI.document)
            let agency = AgencyAPI(pool: pool, queue: JobQueue(pool: pool))
            let authenticator = APIKeyAuthenticator(pool: pool)
            agency.register(on: router, authenticator: authenticator)
            OfficerRequestsAPI(pool: pool, screen: agency).register(on: router, authenticator: authenticator)
        }
        server = HTTPServer(router: router, configuration: environment.http, logger: environment.logger, metrics: metrics)
    }

    /// What `ServiceGroup` runs: the HTTP server (the API, or health and metrics only) and the worker if any.
    public var services: [any Service] { [server] + (worker.map { [$0] } ?? []) }
}
