import HTTP
import Postgres
import Runtime

extension ServiceEnvironment {
    /// The router every service starts from: request ids, access log, metrics, database
    /// unavailability answered 503 with `Retry-After` (`DatabaseUnavailable`), and `/healthz`,
    /// `/readyz` (database reachable, migrations current) and `/metrics`.
    public func makeRouter(metrics: MetricsRegistry, pool: PostgresPool) -> Router {
        let router = Router(logger: logger)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: MetricsMiddleware(registry: metrics))
        router.add(errorMapping: DatabaseUnavailable.mapping)
        router.addHealthRoutes(metrics: metrics) { await DatabaseReadiness.check(pool) }
        return router
    }
}
