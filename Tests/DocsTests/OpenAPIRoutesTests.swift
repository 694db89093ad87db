import Foundation
import HTTP
import TestSupport
import Testing

/// Each service's OpenAPI document (docs/openapi/<service>.json) is what it serves at
/// `/openapi.json` and documents exactly the routes its router registers, so a route added in
/// code without its document (or documented and never served) fails here, named.
@Suite("OpenAPI documents match the services' routers")
struct OpenAPIRoutesTests {
    static let services = ["intake", "enrichment", "tasking", "feedback"]

    static func committed(_ service: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Repository.root.appendingPathComponent("docs/openapi/\(service).json")))
    }

    @Test("every registered route (method and path template) is documented, and every documented one is registered", arguments: services)
    func routesAgree(service: String) async throws {
        // The console's routes serve HTML forms to browsers, not an API: docs/console.md lists them.
        let registered = Set(try #require(try await ServiceRoutes.all()[service]).filter { !$0.contains(" /console") })
        let documented = Set(try OpenAPIChecker(try Self.committed(service)).operations)
        #expect(registered.contains("GET /healthz"), "the route table was read")
        let missing = registered.subtracting(documented).sorted()
        let unserved = documented.subtracting(registered).sorted()
        #expect(missing.isEmpty, """
            \(service) registers route(s) that docs/openapi/\(service).json does not document; add each under "paths" \
            (with its parameters, request body, responses and problem+json errors):
            \(missing.map { "  \($0)" }.joined(separator: "\n"))
            """)
        #expect(unserved.isEmpty, """
            docs/openapi/\(service).json documents route(s) \(service) does not register; remove them or register them:
            \(unserved.map { "  \($0)" }.joined(separator: "\n"))
            """)
    }

    @Test("GET /openapi.json serves the committed document byte for byte, as an OpenAPI 3.1 document", arguments: services)
    func servedIsCommitted(service: String) async throws {
        let router = try #require(try await ServiceRoutes.routers()[service])
        let response = await router.respond(to: Request(method: .get, target: "/openapi.json", headers: [:], body: .empty))
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.body == (try Self.committed(service)))
        let document = try JSONDocument(parsing: response.body)
        #expect(document["openapi"] == .string("3.1.0"))
    }
}
