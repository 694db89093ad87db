import Postgres
import ServiceKit

/// `occ audit chain`: links the pending audit rows now, as the services' chainers do every 250 ms.
enum AuditChainCommand: Command {
    static let path = ["audit", "chain"]
    static let summary = "chain the audit rows pending now (the services do this in the background)"
    static let help = """
        usage: occ audit chain [--batch N]

        Calls audit_chain on DATABASE_URL (the operator login is enough) until every row pending
        when it started is chained, by this call or by a service's chainer leading at the same
        moment (it waits up to 60 s for one), then prints the rows it chained, the chain's head and
        the rows still pending (appended meanwhile). Every service process chains in the
        background, so this is for maintenance: e.g. before a checkpoint while no service runs.

          --batch N   rows per call of audit_chain, 1 to 100000 (default 5000)
        """
    static let valuedOptions: Set<String> = ["batch"]

    static func run(_ arguments: Arguments) async throws {
        try rejectUnexpected(arguments, valued: valuedOptions)
        let batch = try arguments.int("batch", default: 5_000)
        guard (1...100_000).contains(batch) else { throw UsageError("--batch must be from 1 to 100000") }
        let (chained, head, pending) = try await Database.withOperatorPool { pool in
            try await pool.withConnection { connection in
                let chained = try await AuditLog.chainPending(on: connection, batchSize: batch)
                return (chained, try await AuditLog.head(on: connection), try await AuditLog.pendingCount(on: connection))
            }
        }
        let headText = head.map { "newest seq \($0.seq) hash \($0.hash)" } ?? "nothing chained"
        emit("chained \(chained.grouped) row\(chained == 1 ? "" : "s"); \(headText); \(pending.grouped) pending")
    }
}
