import Foundation
import HTTP
import Postgres
import Runtime

/// What every service reads from its environment, in one place so the table in the docs stays true.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `DATABASE_URL` | libpq conninfo or URL of the service's database login | required |
/// | `DATABASE_POOL_SIZE` | connections in the service's pool | 10 |
/// | `DATABASE_STATEMENT_TIMEOUT` | longest statement (`statement_timeout`; 0 = none) | `15s` |
/// | `DATABASE_IDLE_IN_TRANSACTION_TIMEOUT` | longest idle inside a transaction before the server ends the session | `30s` |
/// | `DATABASE_LOCK_TIMEOUT` | longest wait for a lock (`lock_timeout`) | `10s` |
/// | `HTTP_HOST`, `HTTP_PORT` | listening address (TLS terminates in front) | `0.0.0.0`, per service |
/// | `HTTP_*` limits and `HTTP_REQUEST_TIMEOUT` | see `HTTPServer.Configuration(config:)` | |
/// | `LOG_LEVEL` | `trace` … `critical` | `info` |
public struct ServiceEnvironment: Sendable {
    public var databaseURL: String
    public var poolSize: Int
    public var sessionTimeouts: SessionTimeouts
    public var http: HTTPServer.Configuration
    public var logger: Logger

    public init(
        databaseURL: String, poolSize: Int = 10, sessionTimeouts: SessionTimeouts = SessionTimeouts(),
        http: HTTPServer.Configuration, logger: Logger
    ) {
        self.databaseURL = databaseURL
        self.poolSize = poolSize
        self.sessionTimeouts = sessionTimeouts
        self.http = http
        self.logger = logger
    }

    /// Reads the settings of `service` from `config`; `defaultPort` is the service's usual port.
    public init(service: String, config: Config = .process, defaultPort: Int) throws {
        self.init(
            databaseURL: try config.string("DATABASE_URL"),
            poolSize: try config.int("DATABASE_POOL_SIZE", default: 10, in: 1...500),
            sessionTimeouts: try SessionTimeouts(config: config),
            http: try HTTPServer.Configuration(config: config, defaultPort: defaultPort),
            logger: Logger(service: service))
    }

    /// `databaseURL` with the session timeouts added as startup options (and `PGOPTIONS`, which
    /// libpq would no longer read), for every connection the service opens.
    public var conninfo: String {
        Conninfo.addingOptions(sessionTimeouts.startupOptions, to: databaseURL,
                               fallbackOptions: ProcessInfo.processInfo.environment["PGOPTIONS"])
    }

    /// A pool on `conninfo` named after the service (visible in `pg_stat_activity`).
    public func makePool() -> PostgresPool {
        PostgresPool(.init(conninfo: conninfo, maxConnections: poolSize, applicationName: logger.service))
    }
}
