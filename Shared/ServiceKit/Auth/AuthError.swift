import HTTP

/// Authentication failures. The detail never says whether a key id exists, only what to fix.
public enum AuthError: HTTPResponseError, Equatable {
    /// No, malformed, unknown, wrong or revoked credentials: 401.
    case unauthenticated
    /// A valid key lacking the scope the route needs: 403.
    case missingScope(Scope)

    public var status: HTTPStatus {
        switch self {
        case .unauthenticated: .unauthorized
        case .missingScope: .forbidden
        }
    }

    public func problem() -> Problem {
        switch self {
        case .unauthenticated:
            Problem(status: status, detail: "send a valid, unrevoked API key as 'Authorization: Bearer occ_<id>_<secret>'")
        case .missingScope(let scope):
            Problem(status: status, detail: "this API key lacks the '\(scope.rawValue)' scope")
        }
    }

    public var headers: HTTPHeaders {
        switch self {
        case .unauthenticated: ["WWW-Authenticate": "Bearer realm=\"occ\""]
        case .missingScope: ["WWW-Authenticate": "Bearer realm=\"occ\", error=\"insufficient_scope\""]
        }
    }
}
