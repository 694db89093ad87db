import CLibPQ

extension PostgresConnection {
    /// Runs `body` inside BEGIN/COMMIT and returns its value once the data is committed.
    ///
    /// BEGIN is sent with the body's first statement (one round trip fewer); a body that runs no
    /// statement costs none. What it throws:
    /// - the body's own error, after ROLLBACK, when nothing committed;
    /// - `.failedAfterCommit` when the body threw after `pipelineAndCommit` succeeded: the data
    ///   IS committed, and `underlying` holds what the body threw;
    /// - `.transactionAborted` when the body caught a failed statement and returned normally: the
    ///   server had aborted the transaction, so it rolled back and nothing committed;
    /// - `.nestedTransaction` when this connection is already in a transaction (inside another
    ///   `transaction`, or after a BEGIN of the caller's own). The outer transaction is left as it
    ///   was: this call sends neither COMMIT nor ROLLBACK. Use `savepoint` to nest.
    public func transaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try transactionState.withLock { state in
            if state.open { throw Self.nestedTransactionError("begin") }
            state = TransactionState(open: true, pendingBegin: isolation.beginStatement)
        }
        defer { transactionState.withLock { $0 = TransactionState() } }
        let value: T
        do {
            value = try await body(self)
        } catch {
            let (committed, refused) = transactionState.withLock { ($0.committed, $0.beginRefused) }
            if committed {
                var wrapped = PostgresError(
                    .failedAfterCommit, reason: "the transaction committed, then its body threw")
                wrapped.underlying = error
                throw wrapped
            }
            if !refused { await rollbackQuietly() }
            throw error
        }
        let (unsent, committed, refused) = transactionState.withLock { state in
            defer { state.pendingBegin = nil }
            return (state.pendingBegin != nil, state.committed, state.beginRefused)
        }
        // The body swallowed the refusal: whatever it ran belongs to the outer transaction.
        if refused { throw Self.nestedTransactionError("commit") }
        // Nothing was sent, or the body committed itself: there is nothing left to commit.
        if unsent || committed { return value }
        do {
            try await onExecutor(ignoringCancellation: true, queryName: "commit") { session in
                // After a failed statement COMMIT answers ROLLBACK, and would look like success.
                if let handle = session.handle, PQtransactionStatus(handle) == PQTRANS_INERROR {
                    _ = try session.runSimple("ROLLBACK", name: "rollback")
                    throw PostgresError(
                        .transactionAborted, queryName: "commit",
                        reason: "a statement in the transaction failed, so it rolled back instead of committing")
                }
                _ = try session.runSimple("COMMIT", name: "commit")
            }
        } catch {
            await rollbackQuietly()
            throw error
        }
        return value
    }

    /// Inside `transaction`, as the body's last statements: runs `statements` and COMMIT in one
    /// pipeline, so whatever the statements lock is held only while the
    /// server runs them and flushes the commit, never across a round trip to this client. If any
    /// of them fails nothing commits and the error is thrown (the transaction then rolls back).
    /// Once it returns the data is committed: statements the body runs afterwards run on their
    /// own, and if the body throws, `transaction` reports `.failedAfterCommit`.
    @discardableResult
    public func pipelineAndCommit(_ statements: [PostgresQuery]) async throws -> [PostgresRows] {
        let results = try await pipeline(statements + [.commit])
        transactionState.withLock { if $0.open { $0.committed = true } }
        return Array(results.dropLast())
    }

    /// Runs `body` inside a savepoint: an error undoes only the savepoint's work, then rethrows.
    public func savepoint<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let name = try await onExecutor(queryName: "savepoint") { session in
            let name = session.nextName("occ_sp_")
            _ = try session.runSimple("SAVEPOINT \(name)", name: "savepoint", begin: self.takeBegin(session, queryName: "savepoint"))
            return name
        }
        do {
            let value = try await body(self)
            try await execute("RELEASE SAVEPOINT \(name)", name: "release_savepoint")
            return value
        } catch {
            _ = try? await onExecutor(ignoringCancellation: true, queryName: "rollback_savepoint") { session in
                try session.runSimple("ROLLBACK TO SAVEPOINT \(name)", name: "rollback_savepoint")
            }
            throw error
        }
    }

    /// The BEGIN `transaction` deferred, which the caller must now send ahead of its statement.
    /// Refused when the session is already in a transaction (a BEGIN the caller sent itself):
    /// the server would only warn, and this transaction's COMMIT would end the outer one.
    func takeBegin(_ session: PostgresSession, queryName: String) throws -> String? {
        let begin = transactionState.withLock { state in
            defer { state.pendingBegin = nil }
            return state.pendingBegin
        }
        guard let begin else { return nil }
        if let handle = session.handle, PQtransactionStatus(handle) != PQTRANS_IDLE {
            transactionState.withLock { $0.beginRefused = true }
            throw Self.nestedTransactionError(queryName)
        }
        return begin
    }

    private static func nestedTransactionError(_ queryName: String) -> PostgresError {
        PostgresError(
            .nestedTransaction, queryName: queryName,
            reason: "the connection is already in a transaction; use savepoint to nest")
    }

    private func rollbackQuietly() async {
        let unsent = transactionState.withLock { state in
            defer { state.pendingBegin = nil }
            return state.pendingBegin != nil
        }
        if unsent { return }
        _ = try? await onExecutor(ignoringCancellation: true, queryName: "rollback") { session in
            try session.runSimple("ROLLBACK", name: "rollback")
        }
    }

    /// What `transaction` tracks between the body's statements.
    struct TransactionState {
        /// Inside `transaction`'s body.
        var open = false
        /// BEGIN not sent yet: it travels with the body's first statement.
        var pendingBegin: String?
        /// The body committed itself with `pipelineAndCommit`.
        var committed = false
        /// The session was already in a transaction when BEGIN was due: nothing may end it.
        var beginRefused = false
    }

    /// Transaction isolation levels.
    public enum IsolationLevel: Sendable {
        case readCommitted, repeatableRead, serializable

        var beginStatement: String {
            switch self {
            case .readCommitted: "BEGIN"
            case .repeatableRead: "BEGIN ISOLATION LEVEL REPEATABLE READ"
            case .serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE"
            }
        }
    }
}

extension PostgresQuery {
    /// Transaction control as statements, for pipelines that open or close a transaction in the
    /// same round trip as their other statements. On any error, the caller must ROLLBACK.
    public static let begin = PostgresQuery("begin", "BEGIN")
    public static let commit = PostgresQuery("commit", "COMMIT")
}
