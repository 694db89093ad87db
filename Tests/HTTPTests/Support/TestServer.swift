import Foundation
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
        // A test client the machine delays past the data-rate grace is a slow client to the server:
        // a 100-continue test's 4-byte body came over 2 s late in CI (and under ThreadSanitizer).
        // Only the slow-client tests measure the rate, and they set their own grace.
        configuration.dataRateGrace = .seconds(30) * timeScale
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

/// `OCC_TEST_TIME_SCALE` (1 to 20), as TestSupport reads it; this target does not depend on it.
private let timeScale: Int = {
    guard let text = ProcessInfo.processInfo.environment["OCC_TEST_TIME_SCALE"], let value = Int(text), value >= 1 else { return 1 }
    return min(value, 20)
}()
