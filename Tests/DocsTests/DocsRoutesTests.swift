import Foundation
import Testing

/// Every route the documents name is one a service registers (read from the services' routers,
/// so routes added in code need no change here).
@Suite("docs name only routes the services serve")
struct DocsRoutesTests {
    /// A documented route: an optional method, then a path under /v1 or a health, metrics or
    /// OpenAPI endpoint. Placeholders may be `{name}`, `:name` or upper-case words.
    static var mention: Regex<(Substring, Substring?, Substring)> { /(?:\b(GET|POST|PUT|PATCH|DELETE|HEAD)\s+)?(\/(?:v1\/[A-Za-z0-9_{}:.\/-]*|healthz|readyz|metrics|openapi\.json))/ }

    @Test("each route named in docs/, the README and deploy's READMEs exists, with that method")
    func documentedRoutesExist() async throws {
        let served = try await ServiceRoutes.all().values.flatMap { $0 }.map(Route.init)
        #expect(served.contains { $0.method == "GET" && $0.segments == ["healthz"] }, "the route table was read")
        let unknown = await offPool {
            var unknown: [String] = []
            for path in Repository.documents {
                guard let text = Repository.text(path) else { continue }
                for (line, code) in Markdown.code(text) where code.contains("/") {
                    for match in code.matches(of: Self.mention) {
                        let documented = Route(method: match.output.1.map(String.init), path: String(match.output.2))
                        if !served.contains(where: { $0.serves(documented) }) { unknown.append("\(path):\(line): \(match.output.0)") }
                    }
                }
            }
            return unknown
        }
        #expect(unknown.isEmpty, "routes no service registers:\n\(unknown.joined(separator: "\n"))")
    }

    @Test("a path with a parameter matches any value there; a literal must be equal")
    func matching() {
        let route = Route("POST /v1/taskings/{id}/outcome")
        #expect(route.serves(Route(method: "POST", path: "/v1/taskings/{tasking_id}/outcome")))
        #expect(route.serves(Route(method: nil, path: "/v1/taskings/ID/outcome")))
        #expect(!route.serves(Route(method: "GET", path: "/v1/taskings/{id}/outcome")))
        #expect(!route.serves(Route(method: "POST", path: "/v1/taskings/{id}/outcomes")))
        #expect(!Route("GET /v1/taskings/{id}").serves(Route(method: "GET", path: "/v1/webhooks")))
    }

    /// A route as registered (`METHOD /a/{b}`) or as documented (placeholders in any form).
    struct Route {
        let method: String?
        let segments: [String]

        init(_ registered: String) {
            let parts = registered.split(separator: " ", maxSplits: 1)
            self.init(method: String(parts[0]), path: String(parts[1]))
        }

        init(method: String?, path: String) {
            self.method = method
            // A sentence may end right after the path: its full stop or colon is not part of it.
            let clean = path.split(separator: "?")[0].split(separator: "#")[0].trimmingCharacters(in: CharacterSet(charactersIn: ".:,"))
            segments = clean.split(separator: "/").map(String.init).filter { !$0.isEmpty && $0 != "." }
        }

        static func isParameter(_ segment: String) -> Bool {
            (segment.hasPrefix("{") && segment.hasSuffix("}")) || segment.hasPrefix(":")
                || (segment.count > 1 && segment.allSatisfy { $0.isUppercase || $0 == "_" || $0 == "-" })
        }

        /// Whether this registered route serves the documented one (HEAD is served by GET).
        func serves(_ documented: Route) -> Bool {
            if let wanted = documented.method, wanted != method, !(wanted == "HEAD" && method == "GET") { return false }
            guard segments.count == documented.segments.count else { return false }
            return zip(segments, documented.segments).allSatisfy { own, named in
                Self.isParameter(own) ? true : own == named
            }
        }
    }
}
