import EnrichmentApp
import Runtime
import ServiceKit

// The enrichment worker: configuration from the environment, then run until SIGTERM/SIGINT.
let environment = try ServiceEnvironment(service: "enrichment", defaultPort: EnrichmentSettings.defaultPort)
let service = try EnrichmentService(environment: environment, settings: try EnrichmentSettings(config: .process))
// The audit chainer starts first, so it stops last: its final pass follows the others' last appends.
try await ServiceGroup(services: [AuditChainer(environment: environment)] + service.services, logger: environment.logger).run()
