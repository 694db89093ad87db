import HTTP
import Runtime

/// The in-process server the HTTP benchmarks measure: `GET /healthz` answers "ok" (plus any
/// routes a benchmark adds), on 127.0.0.1 with the port the kernel picks, logging nothing.
struct BenchServer {
    let server: HTTPServer
    let port: Int
    private let running: Task<Void, any Error>

    static func start(_ configuration: HTTPServer.Configuration, routes: (Router) -> Void = { _ in }) throws -> BenchServer {
        let logger = Logger(service: "bench-http", level: .critical)
        let router = Router(logger: logger)
        router.get("/healthz") { _ in .text("ok") }
        routes(router)
        let server = HTTPServer(router: router, configuration: configuration, logger: logger)
        let port = try server.bind()
        return BenchServer(server: server, port: port, running: Task { try await server.run() })
    }

    /// Shuts down gracefully and waits for the server to finish.
    func stop() async throws {
        server.shutdown()
        try await running.value
    }
}
