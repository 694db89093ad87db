/// What handles a request once routing is done.
public typealias RouteHandler = @Sendable (Request) async throws -> Response

/// A registered endpoint.
struct Route: Sendable {
    let method: HTTPMethod
    let pattern: RoutePattern
    let middleware: [any Middleware]
    let maxBodyBytes: Int?
    /// Overrides the server's request timeout (e.g. for a long streaming upload).
    let timeout: Duration?
    let handler: RouteHandler
}
