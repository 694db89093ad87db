import Foundation
import HTTP
import Runtime
import Testing

@Suite struct ErrorMappingTests {
    /// A lower layer's error type that the HTTP module knows nothing of.
    struct StoreError: Error, CustomStringConvertible {
        let unavailable: Bool
        var description: String { unavailable ? "store unreachable" : "store constraint broken" }
    }

    func makeRouter(logger: Logger = TestServer.logger) -> Router {
        let router = Router(logger: logger)
        router.add(errorMapping: { error in
            guard let error = error as? StoreError, error.unavailable else { return nil }
            return HTTPError(.serviceUnavailable, detail: "try later", headers: ["Retry-After": "5"])
        })
        router.get("/unavailable") { _ in throw StoreError(unavailable: true) }
        router.get("/broken") { _ in throw StoreError(unavailable: false) }
        return router
    }

    @Test func mapsErrorsTheRouterDoesNotKnow() async throws {
        let capture = LogCapture()
        let router = makeRouter(logger: Logger(service: "test", level: .info, sink: capture.sink))
        let response = await router.respond(to: Request(method: .get, target: "/unavailable"))
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] == "5")
        #expect(try JSONDecoder().decode(Problem.self, from: Data(response.body)).detail == "try later")
        // Logged as what it was, not as what it became.
        #expect(capture.entries.first?["error"] == "store unreachable")
    }

    @Test func leavesUnmappedErrorsA500() async throws {
        let response = await makeRouter().respond(to: Request(method: .get, target: "/broken"))
        #expect(response.status == .internalServerError)
        #expect(response.headers["Retry-After"] == nil)
    }
}
