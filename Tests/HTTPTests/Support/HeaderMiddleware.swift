import HTTP

/// Appends its name to `X-Trace` on the way out, to observe middleware order.
struct HeaderMiddleware: Middleware {
    let name: String

    func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        var response = try await next(request)
        response.headers.add("X-Trace", name)
        return response
    }
}
