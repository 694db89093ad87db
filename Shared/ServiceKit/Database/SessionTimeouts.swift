import Runtime

/// The server-side time limits every session of a service runs under.
///
/// They travel as libpq startup options (`options=-c statement_timeout=…`), so they hold from the
/// session's first statement on every connection the service opens, whatever the database sets
/// for the login. What the database sets (`ALTER ROLE … SET`, see `deploy/postgres/login-role.psql`
/// and migration 5) is the floor for every other session of that login. `0` turns a limit off.
public struct SessionTimeouts: Sendable, Equatable {
    /// Longest one statement may run (`statement_timeout`); past it the statement fails with 57014.
    public var statement: Duration
    /// Longest a session may sit idle inside a transaction (`idle_in_transaction_session_timeout`);
    /// past it the server ends the session, releasing its locks.
    public var idleInTransaction: Duration
    /// Longest a statement may wait for a lock (`lock_timeout`); past it it fails with 55P03.
    public var lock: Duration

    public init(statement: Duration = .seconds(15), idleInTransaction: Duration = .seconds(30), lock: Duration = .seconds(10)) {
        self.statement = statement
        self.idleInTransaction = idleInTransaction
        self.lock = lock
    }

    /// Reads `DATABASE_STATEMENT_TIMEOUT`, `DATABASE_IDLE_IN_TRANSACTION_TIMEOUT` and
    /// `DATABASE_LOCK_TIMEOUT`, defaulting to 15 s, 30 s and 10 s.
    public init(config: Config) throws {
        let defaults = SessionTimeouts()
        self.init(
            statement: try Self.read("DATABASE_STATEMENT_TIMEOUT", config, default: defaults.statement),
            idleInTransaction: try Self.read("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", config, default: defaults.idleInTransaction),
            lock: try Self.read("DATABASE_LOCK_TIMEOUT", config, default: defaults.lock))
    }

    /// The libpq `options` value setting all three, in milliseconds.
    public var startupOptions: String {
        [("statement_timeout", statement), ("idle_in_transaction_session_timeout", idleInTransaction), ("lock_timeout", lock)]
            .map { "-c \($0.0)=\(Self.milliseconds($0.1))" }
            .joined(separator: " ")
    }

    /// Whole milliseconds, rounded up so that a positive limit never becomes 0 (off).
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let remainder = attoseconds % 1_000_000_000_000_000
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000 + (remainder > 0 ? 1 : 0)
    }

    private static func read(_ key: String, _ config: Config, default fallback: Duration) throws -> Duration {
        let value = try config.duration(key, default: fallback)
        // PostgreSQL keeps these in an int of milliseconds.
        guard milliseconds(value) <= Int64(Int32.max) else {
            throw ConfigError.invalid(key: key, expected: "a duration under 24 days (0 turns it off)", value: config.raw(key) ?? "")
        }
        return value
    }
}
