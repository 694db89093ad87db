import Dispatch
import Foundation
@testable import HTTP
import Runtime
import Synchronization
import Testing

@Suite struct DeadlineTests {
    /// A client that waits far longer than any deadline here: a missing 503 still fails the test,
    /// while a machine loaded by parallel builds does not.
    static func client(_ server: TestServer) -> HTTPClient {
        HTTPClient(port: server.port, timeout: .seconds(60))
    }

    /// Asserts the deadline's answer: 503, `Retry-After`, a problem body.
    func expectDeadlineAnswer(_ response: ClientResponse) throws {
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] == String(Connection.deadlineRetryAfter))
        #expect(response.headers["Content-Type"] == Problem.contentType)
        let problem = try response.decode(Problem.self)
        #expect(problem.status == 503)
        #expect(problem.detail?.contains("time limit") == true)
    }

    @Test func cancelsAnOverrunningHandlerAndAnswers503WithRetryAfter() async throws {
        let (cancelled, signal) = AsyncStream.makeStream(of: Void.self)
        let registry = MetricsRegistry()
        // `/forever` never finishes, so only its own cancellation ends it. `/hello` has a route
        // timeout of its own: under AddressSanitizer, with every suite starting at once, it did not
        // get a cooperative thread within 2 s.
        try await withServer(metrics: registry, configure: { $0.requestTimeout = .seconds(2) }, routes: { router in
            router.get("/forever") { _ in
                try await withTaskCancellationHandler {
                    // Stands for work that would outlive the test; only the cancellation ends it.
                    try await Task.sleep(for: .seconds(60))
                } onCancel: {
                    signal.yield()
                }
                return .text("never")
            }
            router.get("/hello", timeout: .seconds(60)) { _ in .text("hello") }
        }) { server in
            let client = Self.client(server)
            try expectDeadlineAnswer(try await client.get("/forever"))
            for await _ in cancelled { break }
            // The same kept-alive connection serves the next request normally.
            #expect(try await client.get("/hello").text == "hello")
            #expect(await registry.exposition().contains("http_request_deadline_exceeded_total 1"))
        }
    }

    @Test func reachesAHandlerThatBlocksItsConnectionThread() async throws {
        // Like a database call made in place: the handler holds the connection thread until its
        // cancellation (delivered from another thread) releases it.
        let released = Mutex(false)
        try await withServer(configure: { $0.requestTimeout = .milliseconds(300) }, routes: { router in
            router.get("/blocking") { _ in
                let unblock = DispatchSemaphore(value: 0)
                await withTaskCancellationHandler {
                    unblock.wait()
                } onCancel: {
                    unblock.signal()
                }
                released.withLock { $0 = true }
                return .text("late")
            }
        }) { server in
            try expectDeadlineAnswer(try await Self.client(server).get("/blocking"))
            #expect(released.withLock { $0 })
        }
    }

    @Test func aRouteMayShortenTheServersTimeout() async throws {
        try await withServer(configure: { $0.requestTimeout = .seconds(60) }, routes: { router in
            router.get("/quick", timeout: .milliseconds(200)) { _ in
                try await Task.sleep(for: .seconds(60))
                return .text("never")
            }
        }) { server in
            try expectDeadlineAnswer(try await Self.client(server).get("/quick"))
        }
    }

    @Test func aRouteMayLengthenTheServersTimeout() async throws {
        try await withServer(configure: { $0.requestTimeout = .milliseconds(100) }, routes: { router in
            router.post("/upload", timeout: .seconds(60)) { _ in
                // Several times the server's timeout: only the route's own one lets it finish.
                try await Task.sleep(for: .milliseconds(600))
                return .text("done")
            }
        }) { server in
            let response = try await Self.client(server).send(.post, "/upload")
            #expect(response.status == .ok)
            #expect(response.text == "done")
        }
    }

    @Test func readsTheRequestTimeoutFromTheEnvironment() throws {
        #expect(try HTTPServer.Configuration(config: Config([:])).requestTimeout == .seconds(30))
        #expect(try HTTPServer.Configuration(config: Config(["HTTP_REQUEST_TIMEOUT": "2s"])).requestTimeout == .seconds(2))
        for bad in ["0", "soon"] {
            #expect(throws: ConfigError.self) { try HTTPServer.Configuration(config: Config(["HTTP_REQUEST_TIMEOUT": bad])) }
        }
    }
}
