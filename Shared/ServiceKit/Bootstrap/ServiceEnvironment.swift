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
/// | `QUEUE_LISTEN` | workers wake on LISTEN/NOTIFY; `false` polls only (transaction-pooling proxies) | `true` |
/// | `QUEUE_POLL_INTERVAL` | how often workers look for jobs without a NOTIFY, 10ms…1h | `1s` |
public struct ServiceEnvironment: Sendable {
    public var databaseURL: String
    public var poolSize: Int
    public var sessionTimeouts: SessionTimeouts
    public var http: HTTPServer.Configuration
    public var logger: Logger
    /// Whether queue workers hold a LISTEN session; PgBouncer in transaction mode cannot keep one.
    public var queueListen: Bool
    /// The workers' fallback wake-up, and their only one when `queueListen` is false.
    public var queuePollInterval: Duration

    public init(
        databaseURL: String, poolSize: Int = 10, sessionTimeouts: SessionTimeouts = SessionTimeouts(),
        http: HTTPServer.Configuration, logger: Logger,
        queueListen: Bool = true, queuePollInterval: Duration = .seconds(1)
    ) {
        self.databaseURL = databaseURL
        self.poolSize = poolSize
        self.sessionTimeouts = sessionTimeouts
        self.http = http
        self.logger = logger
        self.queueListen = queueListen
        self.queuePollInterval = queuePollInterval
    }

    /// Reads the settings of `service` from `config`; `defaultPort` is the service's usual port.
    public init(service: String, config: Config = .process, defaultPort: Int) throws {
        self.init(
            databaseURL: try config.string("DATABASE_URL"),
            poolSize: try config.int("DATABASE_POOL_SIZE", default: 10, in: 1...500),
            sessionTimeouts: try SessionTimeouts(config: config),
            http: try HTTPServer.Configuration(config: config, defaultPort: defaultPort),
            logger: Logger(service: service),
            queueListen: try config.bool("QUEUE_LISTEN", default: true),
            // Below 10 ms an idle worker would spin on the database; above an hour poll-only mode stalls.
            queuePollInterval: try config.duration(
                "QUEUE_POLL_INTERVAL", default: .seconds(1), in: .milliseconds(10) ... .seconds(3600)))
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
