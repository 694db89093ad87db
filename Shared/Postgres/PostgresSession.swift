import CLibPQ

/// What one libpq session holds: the handle and its prepared-statement cache.
///
/// Only ever reached inside `PostgresConnection.session`'s lock, so libpq (not thread-safe per
/// connection) sees one thread at a time and the compiler rejects any other access.
struct PostgresSession {
    var handle: OpaquePointer?
    /// SQL text to the name of its prepared statement on this session.
    var statements: [String: String] = [:]
    var statementCounter = 0

    /// Statements beyond this many distinct SQL texts run unnamed rather than growing the cache.
    static let statementCacheLimit = 512

    /// libpq keyword defaults, placed before `dbname` so that the caller's conninfo overrides any.
    /// Keepalives probe an idle TCP peer after 30 s, then every 10 s, and give up after 3 misses;
    /// the user timeout fails a write the peer has not acknowledged for 30 s. Together they turn
    /// a vanished server or a dropped route into an error instead of a call that hangs forever.
    /// libpq ignores them on Unix sockets, where the kernel reports a dead peer by itself.
    static let defaultOptions: KeyValuePairs<String, String> = [
        "connect_timeout": "10",
        "keepalives": "1",
        "keepalives_idle": "30",
        "keepalives_interval": "10",
        "keepalives_count": "3",
        "tcp_user_timeout": "30000",
        "client_encoding": "UTF8",
    ]

    /// Opens a libpq connection with `defaultOptions` under `conninfo`, notices silenced.
    static func connect(_ conninfo: String, applicationName: String, queryName: String?) throws -> OpaquePointer {
        let keywords = defaultOptions.map(\.key) + ["application_name", "dbname"]
        let values = defaultOptions.map(\.value) + [applicationName, conninfo]
        let conn = withCStrings(keywords) { keys in
            withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.flatMap { PQerrorMessage($0) }.map { String(cString: $0) }
            if let conn { PQfinish(conn) }
            throw PostgresError(.connectionFailed, queryName: queryName, reason: "could not connect", serverMessage: message)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        return conn
    }

    /// The open handle, or an error naming the query if the connection was closed.
    func requireHandle(_ queryName: String?) throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(.connectionClosed, queryName: queryName, reason: "connection is closed")
        }
        return handle
    }

    /// A fresh name for a statement or savepoint on this session.
    mutating func nextName(_ prefix: String) -> String {
        statementCounter += 1
        return "\(prefix)\(statementCounter)"
    }

    /// Closes the handle and forgets what it had prepared.
    mutating func finish() {
        if let handle { PQfinish(handle) }
        handle = nil
        statements.removeAll()
    }

    /// Runs SQL through the simple protocol, led by `begin` in the same message (one round trip).
    mutating func runSimple(_ sql: String, name: String, begin: String? = nil) throws -> PostgresRows {
        let handle = try requireHandle(name)
        let text = begin.map { "\($0); \(sql)" } ?? sql
        return try LibPQResult.consume(PQexec(handle, text), connection: handle, queryName: name)
    }

    /// Runs one statement as a prepared statement (unnamed once the cache is full), led by `begin`.
    mutating func runPrepared(_ query: PostgresQuery, begin: String? = nil, retryOnStalePlan: Bool = true) throws -> PostgresRows {
        if let begin {
            return try runPipeline([PostgresQuery("begin", begin), query])[1]
        }
        let handle = try requireHandle(query.name)
        // Encoded before anything is sent: a value libpq cannot carry fails here, not half-way.
        let parameters = try LibPQParameters(query)
        guard let statement = try preparedName(for: query, handle: handle) else {
            let result = parameters.withPointers { count, values, lengths, formats in
                PQexecParams(handle, query.sql, count, nil, values, lengths, formats, 0)
            }
            return try LibPQResult.consume(result, connection: handle, queryName: query.name)
        }
        let result = parameters.withPointers { count, values, lengths, formats in
            PQexecPrepared(handle, statement, count, values, lengths, formats, 0)
        }
        do {
            return try LibPQResult.consume(result, connection: handle, queryName: query.name)
        } catch let error as PostgresError where retryOnStalePlan && Self.isStalePlan(error) {
            // A migration changed a table under a cached plan: forget the statement, prepare again.
            statements[query.sql] = nil
            _ = PQexec(handle, "DEALLOCATE \(statement)").map { PQclear($0) }
            return try runPrepared(query, retryOnStalePlan: false)
        }
    }

    /// Name of the prepared statement for the query's SQL, preparing it on first use;
    /// nil when the cache is full and the statement should run unnamed.
    private mutating func preparedName(for query: PostgresQuery, handle: OpaquePointer) throws -> String? {
        if let name = statements[query.sql] { return name }
        guard statements.count < Self.statementCacheLimit else { return nil }
        let name = nextName("occ_")
        _ = try LibPQResult.consume(
            PQprepare(handle, name, query.sql, 0, nil), connection: handle, queryName: query.name)
        statements[query.sql] = name
        return name
    }

    static func isStalePlan(_ error: PostgresError) -> Bool {
        (error.sqlState == .featureNotSupported && error.serverMessage?.contains("cached plan") == true)
            || error.sqlState == SQLState("26000")
    }
}
