/// Routes sharing a path prefix and middleware, e.g. `/v1` behind authentication.
public struct RouteGroup: RouteBuilder, Sendable {
    let router: Router
    let prefix: String
    let middleware: [any Middleware]

    public func on(_ method: HTTPMethod, _ path: String, maxBodyBytes: Int?, timeout: Duration?, _ handler: @escaping RouteHandler) {
        router.register(method, prefix + "/" + path, middleware: middleware, maxBodyBytes: maxBodyBytes, timeout: timeout, handler)
    }

    public func group(_ prefix: String, middleware: [any Middleware] = []) -> RouteGroup {
        RouteGroup(router: router, prefix: self.prefix + "/" + prefix, middleware: self.middleware + middleware)
    }
}
