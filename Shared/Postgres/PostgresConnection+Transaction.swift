extension PostgresConnection {
    /// Runs `body` inside BEGIN/COMMIT; any error thrown rolls the transaction back and is rethrown.
    /// BEGIN is sent with the body's first statement (one round trip fewer); a body that runs no
    /// statement costs none.
    public func transaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        deferBegin(isolation.beginStatement)
        committedEarly.withLock { $0 = false }
        let value: T
        do {
            value = try await body(self)
        } catch {
            await rollbackQuietly()
            throw error
        }
        // Nothing was sent, or the body committed itself: there is nothing left to commit.
        let committed = committedEarly.withLock { committed in
            defer { committed = false }
            return committed
        }
        if takeDeferredBegin() != nil || committed { return value }
        do {
            _ = try await onExecutor(ignoringCancellation: true, queryName: "commit") { try $0.runSimple("COMMIT", name: "commit") }
        } catch {
            await rollbackQuietly()
            throw error
        }
        return value
    }

    /// Inside `transaction`, as the body's last statements: runs `statements` and COMMIT in one
    /// pipeline, so whatever the statements lock (an audit-chain lock, say) is held only while the
    /// server runs them and flushes the commit, never across a round trip to this client. If any
    /// of them fails nothing commits and the error is thrown (the transaction then rolls back).
    @discardableResult
    public func pipelineAndCommit(_ statements: [PostgresQuery]) async throws -> [PostgresRows] {
        let results = try await pipeline(statements + [.commit])
        committedEarly.withLock { $0 = true }
        return Array(results.dropLast())
    }

    /// Runs `body` inside a savepoint: an error undoes only the savepoint's work, then rethrows.
    public func savepoint<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let name = try await onExecutor(queryName: "savepoint") { connection in
            connection.statementCounter += 1
            let name = "occ_sp_\(connection.statementCounter)"
            _ = try connection.runSimple("SAVEPOINT \(name)", name: "savepoint")
            return name
        }
        do {
            let value = try await body(self)
            try await execute("RELEASE SAVEPOINT \(name)", name: "release_savepoint")
            return value
        } catch {
            _ = try? await onExecutor(ignoringCancellation: true, queryName: "rollback_savepoint") {
                try $0.runSimple("ROLLBACK TO SAVEPOINT \(name)", name: "rollback_savepoint")
            }
            throw error
        }
    }

    private func rollbackQuietly() async {
        committedEarly.withLock { $0 = false }
        if takeDeferredBegin() != nil { return }
        _ = try? await onExecutor(ignoringCancellation: true, queryName: "rollback") {
            try $0.runSimple("ROLLBACK", name: "rollback")
        }
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
