/// The one error type of the Postgres module.
///
/// Its `description` names the error code, the SQLSTATE, the query name and schema objects
/// (constraint, table, column) but never the server's message text or detail, because those can
/// echo the values a query carried. `serverMessage` holds the text for deliberate debugging.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let connectionFailed = Code("connection_failed")
        public static let connectionClosed = Code("connection_closed")
        public static let server = Code("server")
        public static let decoding = Code("decoding")
        public static let unexpectedNull = Code("unexpected_null")
        public static let missingColumn = Code("missing_column")
        public static let poolClosed = Code("pool_closed")
        public static let poolTimeout = Code("pool_timeout")
        public static let cancelled = Code("cancelled")
        public static let protocolViolation = Code("protocol_violation")
        public static let copyFailed = Code("copy_failed")
        public static let localCluster = Code("local_cluster")
        /// A bound value that cannot be sent (a text value holding U+0000); nothing was sent.
        public static let invalidParameter = Code("invalid_parameter")
        /// `transaction` called on a connection already in a transaction; the outer one is untouched.
        public static let nestedTransaction = Code("nested_transaction")
        /// A transaction's body threw after `pipelineAndCommit` committed: the data IS committed.
        /// `underlying` holds what the body threw.
        public static let failedAfterCommit = Code("failed_after_commit")
        /// The body swallowed a failed statement, so the transaction could only roll back.
        public static let transactionAborted = Code("transaction_aborted")
    }

    public var code: Code
    public var sqlState: SQLState?
    public var queryName: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// Server or libpq text. May contain query values: not part of `description`.
    public var serverMessage: String?
    /// A fixed, value-free explanation written by this module.
    public var reason: String?
    /// The error this one reports on (for `.failedAfterCommit`, what the body threw). Only its
    /// type appears in `description`, since its own text may carry values.
    public var underlying: (any Error)?

    public init(
        _ code: Code, sqlState: SQLState? = nil, queryName: String? = nil, reason: String? = nil,
        serverMessage: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.queryName = queryName
        self.reason = reason
        self.serverMessage = serverMessage
    }

    public var description: String {
        var parts = ["code: \(code)"]
        if let sqlState { parts.append("sqlstate: \(sqlState)") }
        if let queryName { parts.append("query: \(queryName)") }
        if let constraint { parts.append("constraint: \(constraint)") }
        if let table { parts.append("table: \(table)") }
        if let column { parts.append("column: \(column)") }
        if let reason { parts.append("reason: \(reason)") }
        if let underlying { parts.append("underlying: \(type(of: underlying))") }
        return "PostgresError(\(parts.joined(separator: ", ")))"
    }
}

/// A five-character SQLSTATE with names for the ones callers branch on.
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let notNullViolation = SQLState("23502")
    public static let checkViolation = SQLState("23514")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let undefinedTable = SQLState("42P01")
    public static let insufficientPrivilege = SQLState("42501")
    public static let featureNotSupported = SQLState("0A000")
    public static let lockNotAvailable = SQLState("55P03")

    /// Integrity-constraint violations (class 23).
    public var isIntegrityViolation: Bool { rawValue.hasPrefix("23") }
    /// Errors a caller may cure by running the transaction again.
    public var isTransient: Bool { self == .serializationFailure || self == .deadlockDetected }
}
