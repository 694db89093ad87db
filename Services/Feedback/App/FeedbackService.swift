import HTTP
import Postgres
import Queue
import Runtime
import ServiceKit

/// The feedback executable's parts: the `deliver_feedback` (batched) and `deliver_webhook` workers, the
/// partner feedback and webhook APIs, the partners' side of requests to partners, the partners'
/// TAXII 2.1 server, the oversight benefits report and the oversight console. Built here once, for `main.swift` and the tests alike.
public struct FeedbackService: Sendable {
    public let pool: PostgresPool
    public let worker: JobWorker
    public let router: Router
    public let server: HTTPServer

    public init(environment: ServiceEnvironment, settings: FeedbackSettings) {
        let metrics = MetricsRegistry()
        pool = environment.makePool()
        let queue = JobQueue(pool: pool)
        let handler = FeedbackHandler(queue: queue, logger: environment.logger, recipientsPerTransaction: settings.transactionRecipients)
        let deliverer = WebhookDeliverer(pool: pool, queue: queue, settings: settings.webhooks, logger: environment.logger)
        var registry = JobWorkerRegistry()
        registry.register(DeliverFeedback.self) { [pool] args, context in
            try await pool.withConnection { try await handler.deliver([(args, context)], on: $0)[0] }
        }
        registry.registerBatch(DeliverFeedback.self) { [pool] batch in
            try await pool.withConnection { try await handler.deliver(batch, on: $0) }
        }
        // Resolving, the POST and two short transactions: well within three timeouts.
        registry.register(DeliverWebhook.self, timeout: settings.webhooks.timeout * 3) { args, context in
            try await deliverer.deliver(args, context: context)
        }
        var queues = JobWorker.Configuration(
            queues: [DeliverFeedback.queue: settings.concurrency, DeliverWebhook.queue: settings.webhooks.concurrency])
        queues.handlerBatches = [DeliverFeedback.queue: settings.batch]
        worker = JobWorker(
            pool: pool, conninfo: environment.conninfo, registry: registry,
            configuration: environment.workerConfiguration(queues), logger: environment.logger, metrics: metrics)
        router = environment.makeRouter(metrics: metrics, pool: pool)
        router.addOpenAPIDocument(FeedbackOpenAPI.document)
        let authenticator = APIKeyAuthenticator(pool: pool)
        // One set of buckets: a partner's feedback, webhook, request and TAXII calls count together.
        let rateLimit = settings.partnerRateLimit.middleware()
        PartnerFeedbackAPI(pool: pool).register(on: router, authenticator: authenticator, rateLimit: rateLimit)
        PartnerWebhooksAPI(pool: pool).register(on: router, authenticator: authenticator, rateLimit: rateLimit)
        BenefitsAPI(pool: pool).register(on: router, authenticator: authenticator)
        PartnerRequestsAPI(pool: pool).register(on: router, authenticator: authenticator, rateLimit: rateLimit)
        TAXIIAPI(pool: pool, authenticator: authenticator, rateLimit: rateLimit).register(on: router)
        Console(pool: pool, settings: settings.console, authenticator: authenticator).register(on: router)
        server = HTTPServer(router: router, configuration: environment.http, logger: environment.logger, metrics: metrics)
    }

    /// What `ServiceGroup` runs: the API server and the worker.
    public var services: [any Service] { [server, worker] }
}
