import HTTP
import Postgres
import Queue
import Runtime
import ServiceKit

/// The feedback executable's parts: the `deliver_feedback` worker, the partner feedback API and
/// the oversight benefits report. Built here once, for `main.swift` and the tests alike.
public struct FeedbackService: Sendable {
    public let pool: PostgresPool
    public let worker: JobWorker
    public let router: Router
    public let server: HTTPServer

    public init(environment: ServiceEnvironment, settings: FeedbackSettings) {
        let metrics = MetricsRegistry()
        pool = environment.makePool()
        let handler = FeedbackHandler(queue: JobQueue(pool: pool), logger: environment.logger)
        var registry = JobWorkerRegistry()
        registry.register(DeliverFeedback.self) { [pool] args, context in
            try await pool.withConnection { try await handler.deliver(args, context: context, on: $0) }
        }
        worker = JobWorker(
            pool: pool, conninfo: environment.conninfo, registry: registry,
            configuration: environment.workerConfiguration(JobWorker.Configuration(queues: [DeliverFeedback.queue: settings.concurrency])),
            logger: environment.logger, metrics: metrics)
        router = environment.makeRouter(metrics: metrics, pool: pool)
        router.addOpenAPIDocument(FeedbackOpenAPI.document)
        let authenticator = APIKeyAuthenticator(pool: pool)
        PartnerFeedbackAPI(pool: pool).register(on: router, authenticator: authenticator)
        BenefitsAPI(pool: pool).register(on: router, authenticator: authenticator)
        server = HTTPServer(router: router, configuration: environment.http, logger: environment.logger, metrics: metrics)
    }

    /// What `ServiceGroup` runs: the API server and the worker.
    public var services: [any Service] { [server, worker] }
}
