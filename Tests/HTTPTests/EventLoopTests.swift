import Dispatch
@testable import HTTP
import Runtime
import Synchronization
import Testing

/// What the event-loop design adds: idle eviction at the connection cap, error answers that do not
/// wait for the body, handlers that block without stalling a loop.
@Suite struct EventLoopTests {
    @Test func evictsTheLongestIdleConnectionAtTheCap() async throws {
        try await withServer(configure: {
            $0.maxConnections = 2
            $0.evictIdleAfter = .zero
        }) { server in
            let first = try await server.connect()
            let second = try await server.connect()
            for connection in [first, second] {
                await connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await connection.response().status == .ok)
            }
            // Both are idle and the server is full: the newcomer is served, the longest idle goes.
            let third = try await server.connect()
            await third.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await third.response().text == "hello")
            #expect(await first.closes())
        }
    }

    @Test func doesNotEvictAConnectionWithARequestInFlight() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let (finish, release) = AsyncStream.makeStream(of: Void.self)
        try await withServer(configure: {
            $0.maxConnections = 1
            $0.evictIdleAfter = .zero
        }, routes: ShutdownTests.slowRoutes(started: signal, finish: finish)) { server in
            let busy = try await server.connect()
            await busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            for await _ in started { break }
            let refused = await (try await server.connect()).readAll()
            #expect(refused.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
            release.yield()
            #expect(try await busy.response().text == "finished")
        }
    }

    @Test func answersAnEarlyErrorAndClosesWithoutReadingTheBody() async throws {
        try await withServer(configure: { $0.readTimeout = .seconds(120) }, routes: { router in
            router.post("/guarded", maxBodyBytes: 64 * 1024 * 1024) { _ in throw HTTPError(.unauthorized, detail: "no key") }
        }) { server in
            let connection = try await server.connect()
            // 32 MiB announced, 1 KiB sent: the answer must not wait for (or read) the rest.
            await connection.send("POST /guarded HTTP/1.1\r\nHost: t\r\nContent-Length: 33554432\r\n\r\n"
                + String(repeating: "x", count: 1024))
            let response = try await connection.response(timeout: .seconds(60))
            #expect(response.status == .unauthorized)
            #expect(response.headers["Connection"] == "close")
            #expect(await connection.closes())
        }
    }

    @Test func aHandlerThatBlocksItsThreadDoesNotStallTheLoop() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let unblock = DispatchSemaphore(value: 0)
        try await withServer(configure: { $0.eventLoops = 1 }, routes: { router in
            router.get("/hello") { _ in .text("hello") }
            router.get("/blocking") { _ in
                // Stands for a database call made in place; the test releases it at the end.
                signal.yield()
                unblock.wait()
                return .text("unblocked")
            }
        }) { server in
            let blocked = try await server.connect()
            await blocked.send("GET /blocking HTTP/1.1\r\nHost: t\r\n\r\n")
            for await _ in started { break }
            #expect(try await server.client().get("/hello").text == "hello")
            unblock.signal()
            #expect(try await blocked.response().text == "unblocked")
        }
    }

    @Test func theFormerThreadPerConnectionModelStillServes() async throws {
        try await withServer(configure: { $0.ioModel = .threadPerConnection }) { server in
            let client = server.client()
            let hello = try await client.get("/hello")
            #expect(hello.text == "hello")
            #expect(try await client.send(.post, "/echo", body: Array("ping".utf8)).text == "ping")
            // Its heads go through the same scanner: limits and malformed lines are refused.
            let oversized = try await server.connect()
            await oversized.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n")
            #expect(try await oversized.response().status == .requestHeaderFieldsTooLarge)
            let bareLF = try await server.connect()
            await bareLF.send("GET /hello HTTP/1.1\nHost: t\n\n")
            #expect(try await bareLF.response().status == .badRequest)
        }
    }

    @Test func readsTheIOModelFromTheEnvironment() throws {
        #expect(try HTTPServer.Configuration(config: Config([:])).ioModel == .eventLoops)
        let former = try HTTPServer.Configuration(config: Config(["HTTP_IO_MODEL": "thread-per-connection"]))
        #expect(former.ioModel == .threadPerConnection)
        // Connections cost memory with event loops, a thread each in the former model.
        #expect(try HTTPServer.Configuration(config: Config([:])).maxConnections == 10_000)
        #expect(former.maxConnections == 512)
        #expect(try HTTPServer.Configuration(config: Config(["HTTP_MIN_DATA_RATE": "0"])).minDataRate == 0)
        #expect(throws: ConfigError.self) { try HTTPServer.Configuration(config: Config(["HTTP_IO_MODEL": "fibers"])) }
    }
}
