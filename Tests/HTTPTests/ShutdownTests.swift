import HTTP
import Runtime
import Synchronization
import Testing

@Suite struct ShutdownTests {
    /// A route that signals when it has started, then answers only once released, so the test
    /// decides what happens while it is in flight (a sleep here raced a slow machine).
    static func slowRoutes(started: AsyncStream<Void>.Continuation, release: AsyncStream<Void>) -> (Router) -> Void {
        { router in
            router.get("/hello") { _ in .text("hello") }
            router.get("/slow") { _ in
                started.yield()
                for await _ in release { break }
                return .text("finished")
            }
        }
    }

    @Test func finishesInFlightRequestsThenStops() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        let server = try TestServer.start(routes: Self.slowRoutes(started: signal, release: release))
        let busy = try await server.connect()
        let idle = try await server.connect()
        await idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await idle.response()
        await busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        for await _ in started { break }
        server.server.shutdown()
        // Generous: the bound only catches an idle connection left open, not a slow (sanitizer) build.
        #expect(await idle.closes(within: .seconds(10)))
        releasing.yield()
        let response = try await busy.response()
        #expect(response.text == "finished")
        #expect(response.headers["Connection"] == "close")
        try await server.running.value
    }

    @Test func cancellationClosesConnectionsAndCancelsHandlers() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let cancelled = Mutex(false)
        let server = try TestServer.start { router in
            router.get("/forever") { _ in
                signal.yield()
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
                return .text("never")
            }
        }
        let connection = try await server.connect()
        await connection.send("GET /forever HTTP/1.1\r\nHost: t\r\n\r\n")
        for await _ in started { break }
        server.running.cancel()
        try await server.running.value
        #expect(await connection.closes())
        #expect(cancelled.withLock { $0 })
    }

    @Test func shutsDownWithItsServiceGroup() async throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.lingerTimeout = .milliseconds(50)
        let router = Router(logger: TestServer.logger)
        router.get("/hello") { _ in .text("hello") }
        let server = HTTPServer(router: router, configuration: configuration, logger: TestServer.logger)
        let port = try server.bind()
        let group = ServiceGroup(services: [server], gracePeriod: .seconds(5), signals: [], logger: TestServer.logger)
        let running = Task { try await group.run() }
        #expect(try await HTTPClient(port: port).get("/hello").text == "hello")
        group.triggerGracefulShutdown()
        try await running.value
    }
}
