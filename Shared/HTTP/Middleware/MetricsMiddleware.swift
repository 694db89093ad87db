import Runtime

/// Counts requests by route, method and status, and records latency by route and method.
///
/// Unmatched paths are labelled `unmatched` so random URLs cannot grow the label set without bound.
public struct MetricsMiddleware: Middleware {
    let registry: MetricsRegistry

    /// Records into `registry`.
    public init(registry: MetricsRegistry) {
        self.registry = registry
    }

    public func handle(_ request: Request, next: (Request) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request)
        let method = HTTPMethod.common.contains(request.method) ? request.method.rawValue : "other"
        let route = request.route ?? "unmatched"
        registry.counter("http_requests_total", help: "HTTP requests handled.",
                         labels: ["method": method, "route": route, "status": String(response.status.code)])
            .increment()
        registry.histogram("http_request_duration_seconds", help: "Time to produce a response.",
                           labels: ["method": method, "route": route])
            .observe(ContinuousClock.now - start)
        return response
    }
}
