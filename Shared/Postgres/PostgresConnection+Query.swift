import CLibPQ

extension PostgresConnection {
    /// Runs one parameterised statement and returns its rows.
    ///
    /// Statements are prepared once per connection and reused, so repeated queries skip parsing.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await onExecutor(queryName: query.name) { connection in
            try connection.runPrepared(query, retryOnStalePlan: true)
        }
    }

    /// Runs SQL without parameters through the simple protocol (several statements allowed).
    /// For DDL, migrations and transaction control only: values must go through `query`.
    @discardableResult
    public func execute(_ sql: String, name: String) async throws -> PostgresRows {
        try await onExecutor(queryName: name) { connection in
            try connection.runSimple(sql, name: name)
        }
    }

    func runSimple(_ sql: String, name: String) throws -> PostgresRows {
        let handle = try requireHandle(name)
        // A deferred BEGIN leads the same simple-protocol message: one round trip.
        let text = takeDeferredBegin().map { "\($0); \(sql)" } ?? sql
        return try LibPQResult.consume(PQexec(handle, text), connection: handle, queryName: name)
    }

    func runPrepared(_ query: PostgresQuery, retryOnStalePlan: Bool) throws -> PostgresRows {
        if let begin = takeDeferredBegin() {
            return try runPipeline([PostgresQuery("begin", begin), query])[1]
        }
        let handle = try requireHandle(query.name)
        guard let statement = try preparedName(for: query, handle: handle) else {
            let result = LibPQParameters.with(query.binds) { count, values, lengths, formats in
                PQexecParams(handle, query.sql, count, nil, values, lengths, formats, 0)
            }
            return try LibPQResult.consume(result, connection: handle, queryName: query.name)
        }
        let result = LibPQParameters.with(query.binds) { count, values, lengths, formats in
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
    func preparedName(for query: PostgresQuery, handle: OpaquePointer) throws -> String? {
        if let name = statements[query.sql] { return name }
        guard statements.count < Self.statementCacheLimit else { return nil }
        statementCounter += 1
        let name = "occ_\(statementCounter)"
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
