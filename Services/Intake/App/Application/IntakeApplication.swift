import HTTP
import Postgres
import Runtime
import ServiceKit

/// The intake service: the partner API on our HTTP server over a Postgres pool.
///
/// Built by `buildIntakeApplication`, used alike by the `intake` executable, the tests and
/// `occ bench intake`. Running it serves until a graceful shutdown, then closes the pool.
public final class IntakeApplication: Service {
    /// The port the executable listens on unless `HTTP_PORT` says otherwise.
    public static let defaultPort = 8080

    public let server: HTTPServer
    /// The routes, for calling them in-process (tests) as the server does.
    public let router: Router
    public let pool: PostgresPool
    public let metrics: MetricsRegistry

    init(server: HTTPServer, router: Router, pool: PostgresPool, metrics: MetricsRegistry) {
        self.server = server
        self.router = router
        self.pool = pool
        self.metrics = metrics
    }

    /// Binds the listening socket now and returns its port (useful with port 0).
    @discardableResult
    public func bind() throws -> Int {
        try server.bind()
    }

    public func run() async throws {
        do {
            try await server.run()
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }

    /// Starts a graceful shutdown: stop accepting, finish requests in flight.
    public func shutdown() {
        server.shutdown()
    }
}

/// Builds the intake service from its environment; nothing listens until `bind()` or `run()`.
/// `rateLimit` bounds each partner's requests (`PARTNER_RATE_LIMIT`, `PARTNER_RATE_BURST`).
public func buildIntakeApplication(
    environment: ServiceEnvironment, limits: IntakeLimits = IntakeLimits(), rateLimit: PartnerRateLimit = PartnerRateLimit()
) async throws -> IntakeApplication {
    let pool = environment.makePool()
    let metrics = MetricsRegistry()
    let router = environment.makeRouter(metrics: metrics, pool: pool)
    IntakeRoutes.register(
        on: router,
        handlers: IntakeHandlers(
            store: ReferralStore(pool: pool), reader: ReferralReader(pool: pool),
            gateways: GatewayCheck(pool: pool, ttl: limits.registryTTL), lookups: LookupStore(pool: pool),
            withdrawer: ReferralWithdrawer(pool: pool),
            limits: limits, metrics: metrics, logger: environment.logger),
        authenticator: APIKeyAuthenticator(pool: pool), rateLimit: rateLimit)
    let server = HTTPServer(router: router, configuration: environment.http, logger: environment.logger, metrics: metrics)
    return IntakeApplication(server: server, router: router, pool: pool, metrics: metrics)
}
