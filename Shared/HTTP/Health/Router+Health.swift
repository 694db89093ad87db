import Runtime

/// The endpoints every service exposes to its orchestrator and to Prometheus.
extension Router {
    /// Mounts `GET /healthz` (200 while the process serves), `GET /readyz` (200, or 503 when `readiness`
    /// reports a failed check) and, given a registry, `GET /metrics` in Prometheus text format.
    public func addHealthRoutes(
        metrics: MetricsRegistry? = nil,
        readiness: @escaping @Sendable () async -> Readiness = { .ready }
    ) {
        let noStore: HTTPHeaders = ["Cache-Control": "no-store"]
        get("/healthz") { _ in
            try Response.json(["status": "ok"], headers: noStore)
        }
        get("/readyz") { _ in
            let report = await readiness()
            return try Response.json(report, status: report.isReady ? .ok : .serviceUnavailable, headers: noStore)
        }
        if let metrics {
            get("/metrics") { _ in
                var headers = noStore
                headers["Content-Type"] = MetricsRegistry.contentType
                return Response(headers: headers, body: Array(await metrics.exposition().utf8))
            }
        }
    }
}
