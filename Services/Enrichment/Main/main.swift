import EnrichmentApp
import Runtime
import ServiceKit

// The enrichment worker: configuration from the environment, then run until SIGTERM/SIGINT.
let environment = try ServiceEnvironment(service: "enrichment", defaultPort: EnrichmentSettings.defaultPort)
let service = try EnrichmentService(environment: environment, settings: try EnrichmentSettings(config: .process))
try await ServiceGroup(services: service.services, logger: environment.logger).run()
