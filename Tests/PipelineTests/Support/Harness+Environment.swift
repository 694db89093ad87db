import HTTP
import Runtime
import Schema
import ServiceKit

extension PipelineHarness {
    /// An environment for another instance of a service on this harness's database, connecting
    /// with `login` as deployed (for a service built with settings of the test's own).
    func environment(_ login: ServiceLogin) -> ServiceEnvironment {
        ServiceEnvironment(
            databaseURL: database.conninfo(as: login), poolSize: 2,
            http: HTTPServer.Configuration(host: "127.0.0.1", port: 0), logger: Logger(service: "test", level: .warning))
    }
}
