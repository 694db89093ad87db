import Domain
import Foundation
import HTTP
import Postgres
import Queue
import Runtime
import ServiceKit

/// The enrichment executable's parts: the `enrich_referral` and `unlink_referral` worker, the
/// health endpoints and its OpenAPI document.
/// Built here once, for `main.swift` and the tests alike.
public struct EnrichmentService: Sendable {
    public let pool: PostgresPool
    public let worker: JobWorker
    public let router: Router
    public let server: HTTPServer

    /// Reads the Public Suffix List file and wires the worker and the health routes.
    public init(environment: ServiceEnvironment, settings: EnrichmentSettings) throws {
        let suffixes = PublicSuffixList(parsing: try String(contentsOfFile: settings.publicSuffixListPath, encoding: .utf8))
        let metrics = MetricsRegistry()
        pool = environment.makePool()
        let handler = EnrichmentHandler(
            queue: JobQueue(pool: pool), normaliser: IndicatorNormaliser(publicSuffixes: suffixes), logger: environment.logger)
        var registry = JobWorkerRegistry()
        registry.register(EnrichReferral.self) { [pool] args, context in
            try await pool.withConnection { try await handler.enrich([(args, context)], on: $0)[0] }
        }
        registry.registerBatch(EnrichReferral.self) { [pool] batch in
            try await pool.withConnection { try await handler.enrich(batch, on: $0) }
        }
        registry.register(UnlinkReferral.self) { [pool] args, context in
            try await pool.withConnection { try await handler.unlink(args, context: context, on: $0) }
        }
        worker = JobWorker(
            pool: pool, conninfo: environment.conninfo, registry: registry,
            configuration: environment.workerConfiguration(settings.worker),
            logger: environment.logger, metrics: metrics)
        router = environment.makeRouter(metrics: metrics, pool: pool)
        router.addOpenAPIDocument(EnrichmentOpenAPI.document)
        server = HTTPServer(router: router, configuration: environment.http, logger: environment.logger, metrics: metrics)
    }

    /// What `ServiceGroup` runs: the health server and the worker.
    public var services: [any Service] { [server, worker] }
}
