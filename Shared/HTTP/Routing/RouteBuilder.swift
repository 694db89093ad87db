/// Route registration shared by `Router` and `RouteGroup`.
public protocol RouteBuilder {
    /// Registers `handler` for `method` on `path`; `maxBodyBytes` overrides the server's body limit
    /// and `timeout` its request timeout.
    func on(_ method: HTTPMethod, _ path: String, maxBodyBytes: Int?, timeout: Duration?, _ handler: @escaping RouteHandler)
    /// A group of routes under `prefix`, wrapped in `middleware` (outermost first).
    func group(_ prefix: String, middleware: [any Middleware]) -> RouteGroup
}

extension RouteBuilder {
    /// Registers `handler` for `method` on `path` with the server's request timeout.
    public func on(_ method: HTTPMethod, _ path: String, maxBodyBytes: Int? = nil, _ handler: @escaping RouteHandler) {
        on(method, path, maxBodyBytes: maxBodyBytes, timeout: nil, handler)
    }

    /// Registers a `GET` route (`HEAD` is served by it too).
    public func get(_ path: String, timeout: Duration? = nil, _ handler: @escaping RouteHandler) {
        on(.get, path, maxBodyBytes: nil, timeout: timeout, handler)
    }

    /// Registers a `POST` route.
    public func post(_ path: String, maxBodyBytes: Int? = nil, timeout: Duration? = nil, _ handler: @escaping RouteHandler) {
        on(.post, path, maxBodyBytes: maxBodyBytes, timeout: timeout, handler)
    }

    /// Registers a `PUT` route.
    public func put(_ path: String, maxBodyBytes: Int? = nil, timeout: Duration? = nil, _ handler: @escaping RouteHandler) {
        on(.put, path, maxBodyBytes: maxBodyBytes, timeout: timeout, handler)
    }

    /// Registers a `PATCH` route.
    public func patch(_ path: String, maxBodyBytes: Int? = nil, timeout: Duration? = nil, _ handler: @escaping RouteHandler) {
        on(.patch, path, maxBodyBytes: maxBodyBytes, timeout: timeout, handler)
    }

    /// Registers a `DELETE` route.
    public func delete(_ path: String, timeout: Duration? = nil, _ handler: @escaping RouteHandler) {
        on(.delete, path, maxBodyBytes: nil, timeout: timeout, handler)
    }

    /// A group without its own middleware.
    public func group(_ prefix: String) -> RouteGroup {
        group(prefix, middleware: [])
    }
}
