/// Column names of a result, shared by all its rows.
public final class PostgresColumns: Sendable {
    public let names: [String]
    let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.indexByName = index
    }
}

/// One row of a result, values held in text format and decoded on demand by type.
public struct PostgresRow: Sendable {
    public let columns: PostgresColumns
    let values: [String?]
    let queryName: String?

    /// Decodes the named column; errors name the column and the expected type.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        guard let index = columns.indexByName[column] else {
            var error = PostgresError(.missingColumn, queryName: queryName, reason: "no column in result")
            error.column = column
            throw error
        }
        return try decode(type, at: index)
    }

    /// Decodes the column at a position (0-based).
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard index >= 0, index < values.count else {
            throw PostgresError(.missingColumn, queryName: queryName, reason: "column index out of range")
        }
        do {
            return try T.decode(postgresText: values[index])
        } catch {
            var failure: PostgresError
            switch error {
            case .unexpectedNull:
                failure = PostgresError(.unexpectedNull, queryName: queryName, reason: "NULL where \(T.self) expected")
            case .invalid(let expected):
                failure = PostgresError(.decoding, queryName: queryName, reason: "value is not a valid \(expected) for \(T.self)")
            }
            failure.column = columns.names[index]
            throw failure
        }
    }

    /// Whether the named column is SQL NULL.
    public func isNull(_ column: String) -> Bool {
        guard let index = columns.indexByName[column] else { return true }
        return values[index] == nil
    }
}

/// The rows of a result and the count of rows the statement affected.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: PostgresColumns
    public let rows: [PostgresRow]
    public let affectedRows: Int

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }
    public subscript(position: Int) -> PostgresRow { rows[position] }

    /// The only row, or nil when there is none.
    public var single: PostgresRow? { rows.first }
}
