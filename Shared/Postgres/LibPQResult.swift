import CLibPQ

/// Reads a `PGresult` into Swift values and frees it. Internal: no libpq pointer leaves this module.
enum LibPQResult {
    /// Converts a result to rows or throws its error; always clears the result.
    static func consume(_ result: OpaquePointer?, connection: OpaquePointer?, queryName: String?) throws -> PostgresRows {
        guard let result else {
            throw connectionError(connection, queryName: queryName)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY:
            return rows(result, queryName: queryName)
        default:
            throw error(from: result, connection: connection, queryName: queryName)
        }
    }

    static func rows(_ result: OpaquePointer, queryName: String?) -> PostgresRows {
        let fieldCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var names: [String] = []
        names.reserveCapacity(fieldCount)
        for column in 0..<fieldCount {
            names.append(PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?")
        }
        let columns = PostgresColumns(names: names)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(fieldCount)
            for column in 0..<fieldCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                    let pointer = PQgetvalue(result, Int32(row), Int32(column))!
                    values.append(pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                    })
                }
            }
            rows.append(PostgresRow(columns: columns, values: values, queryName: queryName))
        }
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresRows(columns: columns, rows: rows, affectedRows: affected)
    }

    static func error(from result: OpaquePointer, connection: OpaquePointer?, queryName: String?) -> PostgresError {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let state = field("C").map(SQLState.init)
        var error = PostgresError(state == nil ? .connectionClosed : .server, sqlState: state, queryName: queryName)
        if state == .queryCanceled { error.code = .cancelled }
        error.serverMessage = field("M") ?? PQresultErrorMessage(result).map { String(cString: $0) }
        error.constraint = field("n")
        error.table = field("t")
        error.column = field("c")
        if state == nil, let connection, PQstatus(connection) == CONNECTION_OK {
            error.code = .protocolViolation
        }
        return error
    }

    static func connectionError(_ connection: OpaquePointer?, queryName: String?) -> PostgresError {
        let message = connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) }
        return PostgresError(.connectionClosed, queryName: queryName, reason: "no result from server", serverMessage: message)
    }
}
