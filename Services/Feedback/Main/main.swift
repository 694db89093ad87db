import FeedbackApp
import Runtime
import ServiceKit

// The feedback worker, partner feedback API and benefits report: configuration from the environment,
// then run until SIGTERM/SIGINT.
let environment = try ServiceEnvironment(service: "feedback", defaultPort: FeedbackSettings.defaultPort)
let service = FeedbackService(environment: environment, settings: try FeedbackSettings(config: .process))
// The audit chainer starts first, so it stops last: its final pass follows the others' last appends.
try await ServiceGroup(services: [AuditChainer(environment: environment)] + service.services, logger: environment.logger).run()
