import HTTP

/// Requires a valid API key with `scope`; stores the `Principal` in the request context.
public struct APIKeyMiddleware: Middleware {
    public let authenticator: APIKeyAuthenticator
    public let scope: Scope

    public init(authenticator: APIKeyAuthenticator, scope: Scope) {
        self.authenticator = authenticator
        self.scope = scope
    }

    public func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        let principal = try await authenticator.authenticate(authorization: request.headers["Authorization"])
        guard principal.scopes.contains(scope) else { throw AuthError.missingScope(scope) }
        request.context.principal = principal
        return try await next(request)
    }
}

extension Request {
    /// The principal an `APIKeyMiddleware` stored; a route reached without one is a server bug, not the caller's.
    public func principal() throws -> Principal {
        guard let principal = context.principal(as: Principal.self) else {
            throw HTTPError(.internalServerError, detail: "route is missing its authentication middleware")
        }
        return principal
    }
}
