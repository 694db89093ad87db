import Postgres

extension AuditLog {
    /// Links up to `maxRows` pending rows after the chain's head, unless another process is doing
    /// so at this moment (then 0). Runs in its own transaction: call it outside one.
    @discardableResult
    public static func chain(maxRows: Int = 5_000, on connection: PostgresConnection) async throws -> Int {
        try await connection.query(AuditQueries.chain.binding(maxRows)).single?.decode(Int.self, "chained") ?? 0
    }

    /// The newest chained row, as stored (not verified); nil while nothing is chained.
    public static func head(on connection: PostgresConnection) async throws -> Head? {
        guard let row = try await connection.query(AuditQueries.head).single else { return nil }
        return Head(seq: try row.decode(Int64.self, "chain_seq"), hash: try row.decode(String.self, "hash"))
    }

    /// Rows waiting to be chained.
    public static func pendingCount(on connection: PostgresConnection) async throws -> Int {
        try await connection.query(AuditQueries.pendingUpTo.binding(Int64.max)).single?.decode(Int.self, "n") ?? 0
    }

    /// Chains every row pending when called: as the leader, or by waiting while another process
    /// leads (up to `timeout`). Returns the rows this call chained itself. Rows appended meanwhile
    /// may be chained too, but are not waited for, so it ends under a steady stream of appends.
    @discardableResult
    public static func chainPending(
        on connection: PostgresConnection, batchSize: Int = 5_000, timeout: Duration = .seconds(60)
    ) async throws -> Int {
        guard let newest = try await connection.query(AuditQueries.newestPending).single?.decode(Int64?.self, "id") else { return 0 }
        let deadline = ContinuousClock.now + timeout
        var chained = 0
        while true {
            let batch = try await chain(maxRows: batchSize, on: connection)
            chained += batch
            // A short batch took every committed pending row, those pending at the start included.
            if batch > 0, batch < batchSize { return chained }
            if batch == 0 {
                let remaining = try await connection.query(AuditQueries.pendingUpTo.binding(newest)).single?.decode(Int.self, "n") ?? 0
                if remaining == 0 { return chained }
                guard ContinuousClock.now < deadline else { throw ChainBusy(pending: remaining, waited: timeout) }
                // Another process leads: it releases the lock when its batch commits.
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// `chainPending` gave up waiting for another process's chaining.
    public struct ChainBusy: Error, CustomStringConvertible {
        public let pending: Int
        public let waited: Duration
        public var description: String { "\(pending) audit rows still pending after \(waited): another process holds the chain lock" }
    }
}
