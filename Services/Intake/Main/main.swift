import Foundation
import IntakeApp
import Runtime
import ServiceKit

// `intake`: the partner-facing referral API. Configuration from the environment (see ServiceEnvironment).
let environment: ServiceEnvironment
let rateLimit: PartnerRateLimit
do {
    environment = try ServiceEnvironment(service: "intake", defaultPort: IntakeApplication.defaultPort)
    rateLimit = try PartnerRateLimit(config: .process)
} catch {
    FileHandle.standardError.write(Data("intake: \(error)\n".utf8))
    exit(78)
}
do {
    let application = try await buildIntakeApplication(environment: environment, rateLimit: rateLimit)
    // The audit chainer starts first, so it stops last: its final pass follows the last requests' appends.
    try await ServiceGroup(services: [AuditChainer(environment: environment), application], logger: environment.logger).run()
} catch {
    environment.logger.critical("intake stopped", ["error": "\(error)"])
    exit(1)
}
