import HTTP

/// The headers every console response carries, errors included: a Content-Security-Policy that
/// allows no script, no framing and forms posting only back to the console, and no caching of
/// pages that show figures to a signed-in user.
struct ConsoleHeaders: Middleware {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        var response = try await next(request)
        response.headers["Content-Security-Policy"] = Self.contentSecurityPolicy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        if response.headers["Cache-Control"] == nil { response.headers["Cache-Control"] = "no-store" }
        return response
    }
}
