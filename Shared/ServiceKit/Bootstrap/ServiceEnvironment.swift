import HTTP
import Postgres
import Runtime

/// What every service reads from its environment, in one place so the table in the docs stays true.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `DATABASE_URL` | libpq conninfo or URL of the service's database login | required |
/// | `DATABASE_POOL_SIZE` | connections in the service's pool | 10 |
/// | `HTTP_HOST`, `HTTP_PORT` | listening address (TLS terminates in front) | `0.0.0.0`, per service |
/// | `HTTP_*` limits | see `HTTPServer.Configuration(config:)` | |
/// | `LOG_LEVEL` | `trace` … `critical` | `info` |
public struct ServiceEnvironment: Sendable {
    public var databaseURL: String
    public var poolSize: Int
    public var http: HTTPServer.Configuration
    public var logger: Logger

    public init(databaseURL: String, poolSize: Int = 10, http: HTTPServer.Configuration, logger: Logger) {
        self.databaseURL = databaseURL
        self.poolSize = poolSize
        self.http = http
        self.logger = logger
    }

    /// Reads the settings of `service` from `config`; `defaultPort` is the service's usual port.
    public init(service: String, config: Config = .process, defaultPort: Int) throws {
        self.init(
            databaseURL: try config.string("DATABASE_URL"),
            poolSize: try config.int("DATABASE_POOL_SIZE", default: 10, in: 1...500),
            http: try HTTPServer.Configuration(config: config, defaultPort: defaultPort),
            logger: Logger(service: service))
    }

    /// A pool on `databaseURL` named after the service (visible in `pg_stat_activity`).
    public func makePool() -> PostgresPool {
        PostgresPool(.init(conninfo: databaseURL, maxConnections: poolSize, applicationName: logger.service))
    }
}
