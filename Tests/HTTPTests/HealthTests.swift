import HTTP
import Runtime
import Synchronization
import Testing

@Suite struct HealthTests {
    @Test func servesHealthReadinessAndMetrics() async throws {
        let registry = MetricsRegistry()
        let ready = Mutex(true)
        let routes: (Router) -> Void = { router in
            router.add(middleware: MetricsMiddleware(registry: registry))
            router.addHealthRoutes(metrics: registry) {
                ready.withLock { $0 } ? Readiness(checks: ["database": "ok"])
                    : Readiness(checks: ["database": "ok", "migrations": "3 pending"])
            }
        }
        try await withServer(metrics: registry, routes: routes) { server in
            let client = server.client()
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.text == #"{"status":"ok"}"#)
            #expect(try await client.get("/readyz").text == #"{"checks":{"database":"ok"},"status":"ready"}"#)
            ready.withLock { $0 = false }
            let notReady = try await client.get("/readyz")
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.text.contains(#""status":"not ready""#))
            let metrics = try await client.get("/metrics")
            #expect(metrics.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(metrics.text.contains("# TYPE http_requests_total counter\n"))
            #expect(metrics.text.contains(#"http_requests_total{method="GET",route="/readyz",status="503"} 1"#))
            #expect(metrics.text.contains("http_connections_active 1\n"))
        }
    }
}
