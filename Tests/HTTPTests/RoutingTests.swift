import HTTP
import Testing

@Suite struct RoutingTests {
    func makeRouter() -> Router {
        let router = Router(logger: TestServer.logger)
        router.get("/v1/referrals/{id}") { request in
            .text("param:" + (request.parameters["id"] ?? "") + " route:" + (request.route ?? ""))
        }
        router.get("/v1/referrals/latest") { _ in .text("literal") }
        router.post("/v1/referrals") { _ in Response(status: .created) }
        router.get("/v1/search") { request in
            .text(request.query.values("q").joined(separator: "|") + ";" + (request.query["page"] ?? "-"))
        }
        return router
    }

    @Test func capturesAndDecodesPathParameters() async throws {
        let response = await makeRouter().respond(to: Request(method: .get, target: "/v1/referrals/OCC%2D2026%20x"))
        #expect(String(decoding: response.body, as: UTF8.self) == "param:OCC-2026 x route:/v1/referrals/{id}")
    }

    @Test func prefersLiteralSegmentsOverParameters() async throws {
        let response = await makeRouter().respond(to: Request(method: .get, target: "/v1/referrals/latest"))
        #expect(String(decoding: response.body, as: UTF8.self) == "literal")
    }

    @Test func decodesQueryItems() async throws {
        let response = await makeRouter().respond(to: Request(method: .get, target: "/v1/search?q=a+b&q=%C3%A9&page"))
        #expect(String(decoding: response.body, as: UTF8.self) == "a b|é;")
    }

    @Test func answersUnknownPathsWith404Problem() async throws {
        let response = await makeRouter().respond(to: Request(method: .get, target: "/nope"))
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/problem+json")
    }

    @Test func answersWrongMethodsWith405AndAllow() async throws {
        let response = await makeRouter().respond(to: Request(method: .delete, target: "/v1/referrals"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "POST")
        let withGet = await makeRouter().respond(to: Request(method: .put, target: "/v1/referrals/7"))
        #expect(withGet.headers["Allow"] == "GET, HEAD")
    }

    @Test("a literal path answers 405 for a method only a parameter route beside it has")
    func literalPathsAreTheirOwnResource() async throws {
        let router = makeRouter()
        router.post("/v1/referrals/bulk") { _ in Response(status: .ok) }
        let response = await router.respond(to: Request(method: .get, target: "/v1/referrals/bulk"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "POST")
        #expect(await router.respond(to: Request(method: .post, target: "/v1/referrals/bulk")).status == .ok)
        let other = await router.respond(to: Request(method: .get, target: "/v1/referrals/bulky"))
        #expect(String(decoding: other.body, as: UTF8.self).hasPrefix("param:bulky"))
    }

    @Test func servesHeadFromGetRoutes() async throws {
        let response = await makeRouter().respond(to: Request(method: .head, target: "/v1/referrals/latest"))
        #expect(response.status == .ok)
    }

    @Test func groupsShareAPrefixAndMiddleware() async throws {
        let router = Router(logger: TestServer.logger)
        let api = router.group("/v2", middleware: [HeaderMiddleware(name: "X-Outer")])
        let admin = api.group("admin", middleware: [HeaderMiddleware(name: "X-Inner")])
        admin.get("/status") { _ in .text("ok") }
        api.get("/open") { _ in .text("open") }
        let inner = await router.respond(to: Request(method: .get, target: "/v2/admin/status"))
        #expect(inner.headers.values("X-Trace") == ["X-Inner", "X-Outer"])
        let outer = await router.respond(to: Request(method: .get, target: "/v2/open"))
        #expect(outer.headers.values("X-Trace") == ["X-Outer"])
    }

    @Test func routerMiddlewareWrapsUnmatchedRequestsToo() async throws {
        let router = Router(logger: TestServer.logger)
        router.add(middleware: HeaderMiddleware(name: "X-Global"))
        let response = await router.respond(to: Request(method: .get, target: "/missing"))
        #expect(response.status == .notFound)
        #expect(response.headers.values("X-Trace") == ["X-Global"])
    }

    @Test func requiresTypedParameters() throws {
        let parameters = Parameters(["id": "42", "name": "x"])
        #expect(try parameters.require("id", as: Int.self) == 42)
        #expect(throws: HTTPError.self) { try parameters.require("name", as: Int.self) }
        #expect(throws: HTTPError.self) { try parameters.require("absent") }
    }
}
