import HTTP
import Runtime
import Testing

@Suite struct MiddlewareTests {
    func makeRouter(_ middleware: [any Middleware]) -> Router {
        let router = Router(logger: TestServer.logger)
        middleware.forEach(router.add(middleware:))
        router.get("/items/{id}") { request in .text(request.context.requestID) }
        router.get("/fail") { _ in throw HTTPError(.conflict) }
        return router
    }

    @Test func generatesAndEchoesARequestID() async throws {
        let response = await makeRouter([RequestIDMiddleware()]).respond(to: Request(method: .get, target: "/items/1"))
        let id = try #require(response.headers["X-Request-Id"])
        #expect(id.count == 32)
        #expect(String(decoding: response.body, as: UTF8.self) == id)
    }

    @Test func keepsASaneIncomingRequestID() async throws {
        let request = Request(method: .get, target: "/items/1", headers: ["X-Request-Id": "partner-abc.123:9"])
        let response = await makeRouter([RequestIDMiddleware()]).respond(to: request)
        #expect(response.headers["X-Request-Id"] == "partner-abc.123:9")
    }

    @Test(arguments: ["", "has space", "quote\"", String(repeating: "x", count: 129), "ünïcode"])
    func replacesAnUnsafeIncomingRequestID(_ incoming: String) async throws {
        let request = Request(method: .get, target: "/items/1", headers: ["X-Request-Id": incoming])
        let response = await makeRouter([RequestIDMiddleware()]).respond(to: request)
        let id = try #require(response.headers["X-Request-Id"])
        #expect(id != incoming)
        #expect(id.count == 32)
    }

    @Test func echoesTheRequestIDOverTheWire() async throws {
        try await withServer(routes: { router in
            router.add(middleware: RequestIDMiddleware())
            router.get("/hello") { _ in .text("hello") }
        }) { server in
            let response = try await server.client().get("/hello", headers: ["X-Request-Id": "trace-42"])
            #expect(response.headers["X-Request-Id"] == "trace-42")
            let missing = try await server.client().get("/nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.headers["X-Request-Id"]?.count == 32)
        }
    }

    @Test func logsOneLinePerRequestWithoutTheQuery() async throws {
        let capture = LogCapture()
        let logger = Logger(service: "intake", level: .info, sink: capture.sink)
        let router = makeRouter([RequestIDMiddleware(), AccessLogMiddleware(logger: logger)])
        let request = Request(method: .get, target: "/items/9?token=secret", headers: ["X-Request-Id": "req-1"])
        _ = await router.respond(to: request)
        let entry = try #require(capture.entries.first)
        #expect(entry["msg"] == "request")
        #expect(entry["service"] == "intake")
        #expect(entry["method"] == "GET")
        #expect(entry["path"] == "/items/9")
        #expect(entry["route"] == "/items/{id}")
        #expect(entry["status"] == "200")
        #expect(entry["request_id"] == "req-1")
        #expect(entry["duration_ms"] != nil)
        #expect(!capture.entries.description.contains("secret"))
    }

    @Test func countsRequestsByRouteMethodAndStatus() async throws {
        let registry = MetricsRegistry()
        let router = makeRouter([MetricsMiddleware(registry: registry)])
        _ = await router.respond(to: Request(method: .get, target: "/items/1"))
        _ = await router.respond(to: Request(method: .get, target: "/items/2"))
        _ = await router.respond(to: Request(method: .get, target: "/fail"))
        _ = await router.respond(to: Request(method: .get, target: "/random/\(Int.random(in: 0...1000))"))
        _ = await router.respond(to: Request(method: HTTPMethod(rawValue: "BREW"), target: "/items/1"))
        let text = await registry.exposition()
        #expect(text.contains(#"http_requests_total{method="GET",route="/items/{id}",status="200"} 2"#))
        #expect(text.contains(#"http_requests_total{method="GET",route="/fail",status="409"} 1"#))
        #expect(text.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
        #expect(text.contains(#"http_requests_total{method="other",route="unmatched",status="405"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_count{method="GET",route="/items/{id}"} 2"#))
    }
}
