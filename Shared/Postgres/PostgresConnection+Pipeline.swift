extension PostgresConnection {
    /// Sends every query in one pipeline and reads the results in order: one round trip for the
    /// batch. The batch is one implicit transaction: if a statement fails, later ones do not run,
    /// nothing commits and the first error is thrown.
    public func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresRows] {
        if queries.isEmpty { return [] }
        return try await onExecutor(queryName: queries[0].name) { session in
            try session.runPipeline(queries, begin: self.takeBegin(session, queryName: queries[0].name))
        }
    }
}
