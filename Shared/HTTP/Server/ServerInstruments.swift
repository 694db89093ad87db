import Runtime

/// Connection-level metrics (request-level ones come from `MetricsMiddleware`).
struct ServerInstruments: Sendable {
    let registry: MetricsRegistry
    let active: Gauge
    let rejected: Counter
    let deadlineExceeded: Counter

    init(registry: MetricsRegistry) {
        self.registry = registry
        active = registry.gauge("http_connections_active", help: "Open HTTP connections.")
        rejected = registry.counter("http_connections_rejected_total",
                                    help: "Connections refused with 503 because the connection limit was reached.")
        deadlineExceeded = registry.counter("http_request_deadline_exceeded_total",
                                            help: "Requests answered 503 because their handler overran the request timeout.")
    }

    /// Counts a request refused before reaching a handler (malformed, too large, too slow).
    func protocolError(_ status: HTTPStatus) {
        registry.counter("http_protocol_errors_total", help: "Requests rejected before routing.",
                         labels: ["status": String(status.code)]).increment()
    }
}
