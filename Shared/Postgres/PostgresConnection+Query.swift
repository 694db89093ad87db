extension PostgresConnection {
    /// Runs one parameterised statement and returns its rows.
    ///
    /// Statements are prepared once per connection and reused, so repeated queries skip parsing.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await onExecutor(queryName: query.name) { session in
            try session.runPrepared(query, begin: self.takeBegin(session, queryName: query.name))
        }
    }

    /// Runs SQL without parameters through the simple protocol (several statements allowed).
    /// For DDL, migrations and transaction control only: values must go through `query`.
    @discardableResult
    public func execute(_ sql: String, name: String) async throws -> PostgresRows {
        try await onExecutor(queryName: name) { session in
            try session.runSimple(sql, name: name, begin: self.takeBegin(session, queryName: name))
        }
    }
}
