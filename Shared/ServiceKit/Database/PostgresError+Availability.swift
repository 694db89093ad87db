import Postgres

extension PostgresError {
    /// Whether the database could not serve the request now rather than refused it: unreachable,
    /// shutting down, out of connections, or a time limit ran out (statement, lock, idle
    /// transaction, or the request's own deadline cancelling it), or the transaction lost a deadlock
    /// or serialization conflict. The same request may succeed later.
    public var isUnavailability: Bool {
        switch code {
        case .connectionFailed, .connectionClosed, .poolTimeout, .poolClosed, .cancelled: return true
        // An error libpq raised itself (no SQLSTATE) while the session still looked open: in
        // practice the server vanishing mid-exchange ("server closed the connection unexpectedly").
        case .protocolViolation: return true
        default: break
        }
        guard let sqlState else { return false }
        // Class 08: connection exceptions.
        // A deadlock victim or serialization failure was rolled back whole: the client may retry.
        return sqlState.rawValue.hasPrefix("08") || sqlState.isTransient || Self.unavailabilityStates.contains(sqlState)
    }

    private static let unavailabilityStates: Set<SQLState> = [
        .adminShutdown,
        SQLState("57P02"),  // crash_shutdown
        SQLState("57P03"),  // cannot_connect_now (starting up, shutting down, in recovery)
        SQLState("57P05"),  // idle_session_timeout
        SQLState("53300"),  // too_many_connections
        .queryCanceled,  // statement_timeout, or a cancel request
        .lockNotAvailable,  // lock_timeout
        SQLState("25P03"),  // idle_in_transaction_session_timeout
    ]
}
