/// The outcome of routing a method and path.
struct Resolution: Sendable {
    enum Outcome: Sendable {
        case matched(Route, Parameters)
        case methodNotAllowed([HTTPMethod])
        case notFound
    }

    let outcome: Outcome
    /// The router-wide middleware at the time of resolution.
    let middleware: [any Middleware]

    /// The matched route's own body limit, if it set one.
    var maxBodyBytes: Int? {
        guard case .matched(let route, _) = outcome else { return nil }
        return route.maxBodyBytes
    }

    /// The matched route's own request timeout, if it set one.
    var timeout: Duration? {
        guard case .matched(let route, _) = outcome else { return nil }
        return route.timeout
    }

    /// The matched route's pattern, for logs (never the raw path, which can carry identifiers).
    var routeDescription: String? {
        guard case .matched(let route, _) = outcome else { return nil }
        return route.pattern.description
    }
}
