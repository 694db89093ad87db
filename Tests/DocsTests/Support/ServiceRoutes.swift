import EnrichmentApp
import FeedbackApp
import HTTP
import IntakeApp
import ServiceKit
import TaskingApp

/// The routes each service registers, read from the routers the executables build (nothing
/// connects: the pools open connections only when first used).
enum ServiceRoutes {
    /// `METHOD /path/{parameter}` by service name.
    static func all() async throws -> [String: [String]] {
        try await routers().mapValues(\.routeTable)
    }

    /// Each service's router by name, as its executable builds it; built once per test process,
    /// since building enrichment parses the Public Suffix List on the (shared, small) cooperative pool.
    static func routers() async throws -> [String: Router] {
        try await built.value
    }

    private static let built = Task { try await build() }

    private static func build() async throws -> [String: Router] {
        let environment = ServiceEnvironment(
            databaseURL: "host=/nonexistent-occ-docs-test dbname=none", http: .init(), logger: .init(service: "docs-test"))
        let intake = try await buildIntakeApplication(environment: environment)
        let enrichment = try EnrichmentService(environment: environment, settings: EnrichmentSettings())
        let tasking = TaskingService(environment: environment, settings: TaskingSettings(mode: .all))
        let feedback = FeedbackService(environment: environment, settings: FeedbackSettings())
        return ["intake": intake.router, "enrichment": enrichment.router, "tasking": tasking.router, "feedback": feedback.router]
    }
}
