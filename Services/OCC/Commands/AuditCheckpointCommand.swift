import Foundation
import Postgres
import ServiceKit

/// `occ audit checkpoint --key-file K --out F`: chains what is pending, verifies the whole chain and
/// signs its head.
enum AuditCheckpointCommand: Command {
    static let path = ["audit", "checkpoint"]
    static let summary = "verify the audit chain and sign its head with a key kept outside the database"
    static let help = """
        usage: occ audit checkpoint --key-file KEY --out FILE [--previous FILE] [--page-size N]

        On DATABASE_URL (the operator login is enough): chains the rows pending now, verifies the
        whole chain (against --previous, the last checkpoint, when given) and, only if it is
        intact, writes FILE: the head's chain_seq and hash and the time, signed with HMAC-SHA-256
        under KEY. Keep KEY off the database server (make one with
        'head -c 32 /dev/urandom | base64 > KEY; chmod 600 KEY') and keep the checkpoints: each
        one lets 'occ audit verify --checkpoint FILE --key-file KEY' prove that no row up to its
        seq has since been rewritten, re-chained or cut. Rows after the newest checkpoint are
        protected by the chain alone, so take checkpoints often (e.g. from cron).

        Prints 'checkpoint FILE: seq S hash H taken_at T'. When the chain is not intact it writes
        nothing and exits as 'occ audit verify' does.

        \(AuditCommand.exitStatusHelp)

          --key-file KEY      the signing key, at least 32 bytes (trailing whitespace ignored)
          --out FILE          where to write the checkpoint (replaced atomically)
          --previous FILE     the last checkpoint, to verify against before signing
          --page-size N       rows fetched per query while verifying, 1 to 100000 (default 5000)
        """
    static let valuedOptions: Set<String> = ["key-file", "out", "previous", "page-size"]

    static func run(_ arguments: Arguments) async throws {
        try rejectUnexpected(arguments, valued: valuedOptions)
        let keyPath = try arguments.require("key-file"), out = try arguments.require("out")
        let pageSize = try arguments.int("page-size", default: 5_000)
        guard (1...100_000).contains(pageSize) else { throw UsageError("--page-size must be from 1 to 100000") }
        let key = try AuditCommand.key(at: keyPath)
        let previous = try arguments.string("previous").map { try AuditCommand.checkpoint(at: $0, key: key) }
        let verification = try await Database.withOperatorPool { pool in
            try await pool.withConnection { connection in
                try await AuditLog.chainPending(on: connection)
                return try await AuditVerifyCommand.verify(on: connection, against: previous, pageSize: pageSize)
            }
        }
        guard verification.isIntact else {
            try AuditCommand.report(verification, checkpoint: previous, command: "audit checkpoint")
            return
        }
        // The verified head, not a fresh read: rows chained since were not checked.
        let checkpoint = AuditCheckpoint(head: verification.head, takenAt: Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        do {
            try Data(checkpoint.signed(key: key).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw AuditCommand.FileProblem("cannot write the checkpoint file \(out): \(error.localizedDescription)")
        }
        emit("checkpoint \(out): seq \(checkpoint.seq) hash \(checkpoint.hash) taken_at \(checkpoint.takenAt)")
        if verification.pending > 0 {
            emit("\(verification.pending.grouped) row\(verification.pending == 1 ? "" : "s") appended since, pending (not covered by this checkpoint)")
        }
    }
}
