import Runtime
import ServiceKit
import TaskingApp

// The tasking worker and/or agency API (TASKING_MODE): configuration from the environment, then run until SIGTERM/SIGINT.
let environment = try ServiceEnvironment(service: "tasking", defaultPort: TaskingSettings.defaultPort)
let service = TaskingService(environment: environment, settings: try TaskingSettings(config: .process))
// The audit chainer starts first, so it stops last: its final pass follows the others' last appends.
try await ServiceGroup(services: [AuditChainer(environment: environment)] + service.services, logger: environment.logger).run()
