import Foundation
import Postgres
import ServiceKit

/// `occ audit archive`: moves the oldest audit rows out of the database, keeping the chain verifiable.
enum AuditArchiveCommand: Command {
    static let path = ["audit", "archive"]
    static let summary = "archive the oldest audit rows to a file; the chain stays verifiable"
    static let help = """
        usage: occ audit archive --checkpoint FILE --key-file KEY --through-seq N --out FILE

        The audit log's own retention rule ('audit-events', see 'occ retention show audit-events')
        says how long rows stay in the database. This moves the chained rows up to seq N out:
          1. verifies the whole chain against --checkpoint (signed by 'occ audit checkpoint'
             under KEY), which must be at or after N: nothing is archived unless it verifies;
          2. writes the rows after the previous archive boundary up to N to --out as JSON lines
             with every hashed field, then the checkpoint file's text, and syncs it to disk;
          3. has the database remove them (audit_archive, which checks the row numbered N still
             carries the verified hash and always keeps the chain's head) and record the
             boundary: seq N and its hash.
        Afterwards 'occ audit verify' walks the chain from the boundary, and with a checkpoint
        at or after it proves the rows kept descend from the signed chain; the archive file
        holds the rest, ending in the boundary's hash. Keep it with the checkpoint. The
        operator login is enough. Prints 'archived R rows through seq N to FILE'.

        \(AuditCommand.exitStatusHelp)
        """
    static let valuedOptions: Set<String> = ["checkpoint", "key-file", "through-seq", "out"]

    static func run(_ arguments: Arguments) async throws {
        try rejectUnexpected(arguments, valued: valuedOptions)
        let checkpointPath = try arguments.require("checkpoint"), out = try arguments.require("out")
        let key = try AuditCommand.key(at: try arguments.require("key-file"))
        let checkpoint = try AuditCommand.checkpoint(at: checkpointPath, key: key)
        guard let through = Int64(try arguments.require("through-seq")), through > 0 else { throw UsageError("--through-seq must be a positive seq") }
        guard through <= checkpoint.seq else {
            throw UsageError("--through-seq \(through) is after the checkpoint's seq \(checkpoint.seq): take a newer checkpoint first")
        }
        guard !FileManager.default.fileExists(atPath: out) else { throw UsageError("--out \(out) exists: archives are never overwritten") }
        let archived = try await Database.withOperatorPool { pool in
            try await pool.withConnection { connection in
                let verification = try await AuditVerifyCommand.verify(on: connection, against: checkpoint, pageSize: 5_000)
                guard verification.isIntact, verification.checkpointMatched == true else {
                    try AuditCommand.report(verification, checkpoint: checkpoint, command: "audit archive")
                    throw CommandExit(status: 1, description: "audit archive: the chain did not verify against the checkpoint; nothing archived")
                }
                let lines = try await AuditLog.archiveLines(through: through, on: connection)
                guard let last = lines.last, last.contains("\"chain_seq\":\(through),"), let hash = Self.hash(in: last) else {
                    throw UsageError("--through-seq \(through) is not a chained row after the archive boundary")
                }
                try Self.write(lines.joined(separator: "\n") + "\n" + (try String(contentsOfFile: checkpointPath, encoding: .utf8)), to: out)
                do {
                    return (rows: try await AuditLog.archive(through: through, hash: hash, on: connection), hash: hash)
                } catch let error as PostgresError where error.sqlState == SQLState("22023") {
                    // Nothing left the database: no file may suggest otherwise. The message is ours (audit_archive's).
                    try? FileManager.default.removeItem(atPath: out)
                    throw CommandExit(status: 1, description: "audit archive refused: \(error.serverMessage ?? "\(error)"); nothing archived")
                } catch {
                    try? FileManager.default.removeItem(atPath: out)
                    throw error
                }
            }
        }
        emit("archived \(archived.rows) rows through seq \(through) to \(out) (boundary hash \(archived.hash))")
    }

    /// The `hash` member of one archive line.
    static func hash(in line: String) -> String? {
        guard let range = line.range(of: "\"hash\":\"") else { return nil }
        let hash = line[range.upperBound...].prefix(64)
        return hash.count == 64 ? String(hash) : nil
    }

    /// Writes `text` to a new file and syncs it, so the rows are on disk before they leave the database.
    static func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw AuditCommand.FileProblem("cannot write the archive file \(path)")
        }
        try handle.synchronize()
        try handle.close()
    }
}
