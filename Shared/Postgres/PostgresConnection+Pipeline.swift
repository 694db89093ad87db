import CLibPQ
import Glibc

extension PostgresConnection {
    /// Sends every query in one pipeline and reads the results in order: one round trip for the
    /// batch. The batch is one implicit transaction: if a statement fails, later ones do not run,
    /// nothing commits and the first error is thrown.
    public func pipeline(_ queries: [PostgresQuery]) async throws -> [PostgresRows] {
        if queries.isEmpty { return [] }
        return try await onExecutor(queryName: queries[0].name) { connection in
            try connection.runPipeline(queries)
        }
    }

    private enum Expected { case prepare(sql: String, name: String, queryName: String), query(Int) }

    func runPipeline(_ queries: [PostgresQuery]) throws -> [PostgresRows] {
        if let begin = takeDeferredBegin() {
            return Array(try runPipeline([PostgresQuery("begin", begin)] + queries).dropFirst())
        }
        let handle = try requireHandle(queries[0].name)
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(.protocolViolation, queryName: queries[0].name, reason: "could not enter pipeline mode")
        }
        // Non-blocking sends let us drain results while the server answers, so a large batch can
        // never deadlock with both socket buffers full.
        PQsetnonblocking(handle, 1)
        var expected: [Expected] = []
        var pending: [String: String] = [:]
        do {
            for (index, query) in queries.enumerated() {
                var statement = statements[query.sql] ?? pending[query.sql]
                if statement == nil, statements.count + pending.count < Self.statementCacheLimit {
                    statementCounter += 1
                    let name = "occ_\(statementCounter)"
                    try check(PQsendPrepare(handle, name, query.sql, 0, nil), handle, query.name)
                    pending[query.sql] = name
                    expected.append(.prepare(sql: query.sql, name: name, queryName: query.name))
                    statement = name
                }
                let sent = LibPQParameters.with(query.binds) { count, values, lengths, formats in
                    if let statement {
                        return PQsendQueryPrepared(handle, statement, count, values, lengths, formats, 0)
                    }
                    return PQsendQueryParams(handle, query.sql, count, nil, values, lengths, formats, 0)
                }
                try check(sent, handle, query.name)
                expected.append(.query(index))
                try flush(handle, query.name)
            }
            try check(PQpipelineSync(handle), handle, queries[0].name)
            try flush(handle, queries[0].name)
        } catch {
            // Half a pipeline is on the wire with no sync: this session cannot be trusted again.
            // PQfinish frees it, so nothing below may touch `handle` on this path.
            PQfinish(handle)
            self.handle = nil
            statements.removeAll()
            throw error
        }
        // Only a session that is still open leaves pipeline mode (a defer before the sends ran
        // after PQfinish above: a use-after-free that wrote into freed libpq memory).
        defer { PQexitPipelineMode(handle) }
        PQsetnonblocking(handle, 0)
        return try readPipelineResults(handle, queries: queries, expected: expected)
    }

    private func readPipelineResults(_ handle: OpaquePointer, queries: [PostgresQuery], expected: [Expected]) throws -> [PostgresRows] {
        var results: [PostgresRows] = []
        results.reserveCapacity(queries.count)
        var firstError: Error?
        for item in expected {
            let queryName: String
            switch item {
            case .prepare(_, _, let name): queryName = name
            case .query(let index): queryName = queries[index].name
            }
            let result = PQgetResult(handle)
            // Each statement's results end with a NULL before the next statement's begin.
            defer { while let extra = PQgetResult(handle) { PQclear(extra) } }
            if let result, PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)
                continue
            }
            do {
                let rows = try LibPQResult.consume(result, connection: handle, queryName: queryName)
                switch item {
                case .prepare(let sql, let name, _): statements[sql] = name
                case .query: results.append(rows)
                }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        // Read up to and including the sync marker so the connection is ready for the next call.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if let firstError { throw firstError }
        return results
    }

    private func check(_ status: Int32, _ handle: OpaquePointer, _ queryName: String) throws {
        guard status == 1 else { throw LibPQResult.connectionError(handle, queryName: queryName) }
    }

    /// Pushes buffered output, reading input whenever the server's answers back up.
    private func flush(_ handle: OpaquePointer, _ queryName: String) throws {
        while true {
            let status = PQflush(handle)
            if status == 0 { return }
            if status < 0 { throw LibPQResult.connectionError(handle, queryName: queryName) }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN | POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 1000)
            if descriptor.revents & Int16(POLLIN) != 0, PQconsumeInput(handle) == 0 {
                throw LibPQResult.connectionError(handle, queryName: queryName)
            }
        }
    }
}
