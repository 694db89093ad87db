@testable import HTTP
import Runtime

/// A real server on 127.0.0.1 with a free port, shut down when the test body returns.
struct TestServer {
    let server: HTTPServer
    let port: Int
    let running: Task<Void, any Error>

    /// Quiet logs: tests assert on behaviour, not on log output.
    static let logger = Logger(service: "http-test", level: .critical)

    /// Starts a server whose routes are registered by `routes`, with limits adjusted by `configure`.
    static func start(
        metrics: MetricsRegistry? = nil,
        configure: (inout HTTPServer.Configuration) -> Void = { _ in },
        routes: (Router) -> Void
    ) throws -> TestServer {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.lingerTimeout = .milliseconds(100)
        configure(&configuration)
        let router = Router(logger: logger)
        routes(router)
        let server = HTTPServer(router: router, configuration: configuration, logger: logger, metrics: metrics)
        let port = try server.bind()
        let running = Task { try await server.run() }
        return TestServer(server: server, port: port, running: running)
    }

    /// Shuts down gracefully and waits for `run()` to return.
    func stop() async throws {
        server.shutdown()
        try await running.value
    }

    /// A new raw connection to the server.
    func connect() async throws -> RawConnection {
        try await RawConnection.open(port: port)
    }

    /// A client on a new connection. Its timeout only bounds a hung test: sanitizer builds on a
    /// busy two-core machine took over 5 s to answer while every suite ran at once.
    func client() -> HTTPClient {
        HTTPClient(port: port, timeout: RawConnection.patience)
    }
}

/// Runs `body` against a fresh server and always stops it.
func withServer(
    metrics: MetricsRegistry? = nil,
    configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    routes: (Router) -> Void = TestRoutes.standard,
    _ body: (TestServer) async throws -> Void
) async throws {
    let server = try TestServer.start(metrics: metrics, configure: configure, routes: routes)
    do {
        try await body(server)
    } catch {
        try? await server.stop()
        throw error
    }
    try await server.stop()
}
