import Runtime
import ServiceKit
import TaskingApp

// The tasking worker and/or agency API (TASKING_MODE): configuration from the environment, then run until SIGTERM/SIGINT.
let environment = try ServiceEnvironment(service: "tasking", defaultPort: TaskingSettings.defaultPort)
let service = TaskingService(environment: environment, settings: try TaskingSettings(config: .process))
try await ServiceGroup(services: service.services, logger: environment.logger).run()
