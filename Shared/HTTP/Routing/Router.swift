import Runtime
import Synchronization

/// Turns an error a handler threw into the response it should become, or `nil` to leave it to others.
public typealias ErrorMapping = @Sendable (any Error) -> (any HTTPResponseError)?

/// Maps method and path to a handler, runs middleware around it and turns errors into problem responses.
///
/// Literal segments win over `{parameters}`; a known path with the wrong method is a 405 with `Allow`;
/// an unknown path is a 404. Router-wide middleware also wraps the 404 and 405 responses.
public final class Router: RouteBuilder, Sendable {
    private struct State {
        var routes: [Route] = []
        var middleware: [any Middleware] = []
        var errorMappings: [ErrorMapping] = []
    }

    private let state = Mutex(State())
    let logger: Logger

    /// A router; unexpected handler errors are logged through `logger` before becoming 500s.
    public init(logger: Logger = Logger(service: "http")) {
        self.logger = logger
    }

    /// Adds router-wide middleware; the first added is the outermost.
    public func add(middleware: any Middleware) {
        state.withLock { $0.middleware.append(middleware) }
    }

    /// Adds a translation for errors that are not `HTTPResponseError`s, e.g. a lower layer's
    /// "unavailable" errors into 503s; the first mapping that returns non-nil wins.
    public func add(errorMapping: @escaping ErrorMapping) {
        state.withLock { $0.errorMappings.append(errorMapping) }
    }

    var errorMappings: [ErrorMapping] {
        state.withLock { $0.errorMappings }
    }

    public func on(_ method: HTTPMethod, _ path: String, maxBodyBytes: Int?, timeout: Duration?, _ handler: @escaping RouteHandler) {
        register(method, path, middleware: [], maxBodyBytes: maxBodyBytes, timeout: timeout, handler)
    }

    public func group(_ prefix: String, middleware: [any Middleware] = []) -> RouteGroup {
        RouteGroup(router: self, prefix: prefix, middleware: middleware)
    }

    func register(
        _ method: HTTPMethod, _ path: String, middleware: [any Middleware], maxBodyBytes: Int?,
        timeout: Duration?, _ handler: @escaping RouteHandler
    ) {
        let route = Route(method: method, pattern: RoutePattern(path), middleware: middleware,
                          maxBodyBytes: maxBodyBytes, timeout: timeout, handler: handler)
        state.withLock { $0.routes.append(route) }
    }

    /// Every registered route as `METHOD /path/{parameter}`, in registration order: what this
    /// router serves, for operators and for the test that keeps the docs true.
    public var routeTable: [String] {
        state.withLock { $0.routes.map { "\($0.method.rawValue) \($0.pattern)" } }
    }

    /// Routes `method` and `path` (the raw, still-encoded path).
    func resolve(method: HTTPMethod, path: String) -> Resolution {
        let (routes, middleware) = state.withLock { ($0.routes, $0.middleware) }
        let segments = path.split(separator: "/")
        var candidates: [(route: Route, parameters: [String: String])] = []
        for route in routes {
            if let parameters = route.pattern.match(segments) { candidates.append((route, parameters)) }
        }
        guard let mostSpecific = candidates.map(\.route.pattern).reduce(nil as RoutePattern?, { best, next in
            guard let best else { return next }
            return next.isMoreSpecific(than: best) ? next : best
        }) else { return Resolution(outcome: .notFound, middleware: middleware) }
        // The most specific path names the resource: a method it lacks is a 405 there, never a
        // call to a parameter route beside it (`GET /v1/referrals/bulk` is not referral "bulk").
        let resource = candidates.filter { !mostSpecific.isMoreSpecific(than: $0.route.pattern) }
        let exact = resource.filter { $0.route.method == method }
        let fallback = method == .head ? resource.filter { $0.route.method == .get } : []
        if let chosen = (exact.isEmpty ? fallback : exact).first {
            return Resolution(outcome: .matched(chosen.route, Parameters(chosen.parameters)), middleware: middleware)
        }
        var allowed = Set(resource.map(\.route.method))
        if allowed.contains(.get) { allowed.insert(.head) }
        return Resolution(outcome: .methodNotAllowed(allowed.sorted { $0.rawValue < $1.rawValue }), middleware: middleware)
    }

    /// Handles `request` without a socket: routing, middleware, handler, error mapping. Never throws.
    public func respond(to request: Request) async -> Response {
        await respond(to: request, resolution: resolve(method: request.method, path: request.path))
    }
}
