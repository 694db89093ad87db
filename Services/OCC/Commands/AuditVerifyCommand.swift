import Foundation
import Postgres
import ServiceKit

/// `occ audit verify [--checkpoint F --key-file K] [--page-size N]`: checks the hash chain and says
/// what is wrong, by name.
enum AuditVerifyCommand: Command {
    static let path = ["audit", "verify"]
    static let summary = "check the hash-chained audit log, against a signed checkpoint if given"
    static let help = """
        usage: occ audit verify [--checkpoint FILE --key-file KEY] [--page-size N]

        Walks the chained rows of the audit log on DATABASE_URL in chain_seq order, a page at a
        time (bounded memory): each row must follow its predecessor's number, carry its hash as
        prev_hash, and hash (SHA-256) to its own columns: the recorded login and server time and
        the caller's claims. Read-only: the operator login (occ_operator) is enough.

        Alone, it proves the chain is consistent, not that it is the one that was written: whoever
        can write the table as its owner can rewrite rows and chain them again, or cut rows from
        the end. With a checkpoint signed by 'occ audit checkpoint' (HMAC-SHA-256, key outside the
        database) it also proves the chain still carries the signed hash at the signed seq.

        Prints 'audit log intact: N rows chained, newest seq S hash H' or names the finding:
        BROKEN at seq N (a row forged, altered or deleted), RE-CHAINED, or TRUNCATED; then the
        number of pending rows (appended, not chained yet), if any.

        \(AuditCommand.exitStatusHelp)

          --checkpoint FILE   a checkpoint file written by 'occ audit checkpoint'
          --key-file KEY      the key that signed it (needed with --checkpoint)
          --page-size N       rows fetched per query, 1 to 100000 (default 5000)
        """
    static let valuedOptions: Set<String> = ["page-size", "checkpoint", "key-file"]
    /// Progress goes to stderr at most this often.
    static let progressInterval: Duration = .seconds(5)

    static func run(_ arguments: Arguments) async throws {
        try rejectUnexpected(arguments, valued: valuedOptions)
        let pageSize = try arguments.int("page-size", default: 5_000)
        guard (1...100_000).contains(pageSize) else { throw UsageError("--page-size must be from 1 to 100000") }
        let checkpointPath = arguments.string("checkpoint"), keyPath = arguments.string("key-file")
        guard (checkpointPath == nil) == (keyPath == nil) else { throw UsageError("--checkpoint and --key-file go together") }
        let checkpoint = try checkpointPath.map { try AuditCommand.checkpoint(at: $0, key: try AuditCommand.key(at: keyPath!)) }
        let verification = try await Database.withOperatorPool { pool in
            try await pool.withConnection { try await verify(on: $0, against: checkpoint, pageSize: pageSize) }
        }
        try AuditCommand.report(verification, checkpoint: checkpoint, command: "audit verify")
    }

    /// The verification, with progress on stderr for long chains.
    static func verify(on connection: PostgresConnection, against checkpoint: AuditCheckpoint?, pageSize: Int) async throws -> AuditLog.Verification {
        let clock = ContinuousClock()
        var lastReport = clock.now
        return try await AuditLog.verify(on: connection, against: checkpoint, pageSize: pageSize) { checked in
            guard clock.now - lastReport >= progressInterval else { return }
            lastReport = clock.now
            progressLine("audit verify: \(checked.grouped) rows checked")
        }
    }
}
