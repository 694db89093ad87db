import Foundation
import ServiceKit

/// What the `occ audit` commands share: the verdict lines and exit statuses of a verification,
/// and reading the key and checkpoint files.
enum AuditCommand {
    /// Exit statuses, one per finding, so scripts can tell them apart (1 stays "could not check").
    static let brokenStatus: Int32 = 3
    static let rechainedStatus: Int32 = 4
    static let truncatedStatus: Int32 = 5
    static let checkpointRejectedStatus: Int32 = 6
    static let archivedPastCheckpointStatus: Int32 = 7

    static let exitStatusHelp = """
        Exit status: 0 intact (pending rows are reported, not failures); 3 a row forged, altered or
        deleted (chain broken at seq N); 4 re-chained (the hash at the checkpoint's seq differs);
        5 truncated (the chain ends before the checkpoint's seq); 6 the checkpoint file's signature
        or format is wrong (altered, or another key); 7 the checkpoint signs a row since archived
        (use one taken at or after the archive boundary); 1 the check could not run; 64 usage errors.
        """

    /// Prints the verdict on stdout; throws the finding's exit status when there is one.
    static func report(_ verification: AuditLog.Verification, checkpoint: AuditCheckpoint?, command: String) throws {
        let rows = verification.rows
        switch verification.finding {
        case nil:
            if let head = verification.head {
                emit("audit log intact: \(rows.grouped) row\(rows == 1 ? "" : "s") chained, newest seq \(head.seq) hash \(head.hash)")
            } else {
                emit("audit log intact: 0 rows chained")
            }
            if let boundary = verification.archivedThrough {
                emit("archived through seq \(boundary.seq) (hash \(boundary.hash)): the chain is verified from there")
            }
            if let checkpoint {
                emit("checkpoint matched: seq \(checkpoint.seq) hash \(checkpoint.hash) (taken \(checkpoint.takenAt))")
            }
        case .broken(let seq, let id, let reason):
            emit("audit log BROKEN at seq \(seq)\(id.map { " (row id \($0))" } ?? ""): \(reason) (\(rows.grouped) row\(rows == 1 ? "" : "s") before it verified)")
        case .rechained(let seq, let signed, let found):
            emit("audit log RE-CHAINED: the row numbered \(seq) has hash \(found), the checkpoint signed \(signed): rows up to seq \(seq) were rewritten and chained again")
        case .truncated(let chainEnd, let checkpointSeq):
            emit("audit log TRUNCATED: the chain ends at seq \(chainEnd), the checkpoint signed seq \(checkpointSeq): rows after seq \(chainEnd) were deleted")
        case .archivedPastCheckpoint(let boundary, let checkpointSeq):
            emit("audit log archived through seq \(boundary), after the checkpoint's seq \(checkpointSeq): verify the archive file against it, and the database against a later checkpoint")
        }
        if verification.pending > 0 {
            emit("\(verification.pending.grouped) row\(verification.pending == 1 ? "" : "s") pending (appended, not chained yet: covered by no hash until chained)")
        }
        switch verification.finding {
        case nil: return
        case .broken(let seq, _, _): throw CommandExit(status: brokenStatus, description: "\(command): the audit chain is broken at seq \(seq)")
        case .rechained(let seq, _, _): throw CommandExit(status: rechainedStatus, description: "\(command): the audit log was re-chained at or before seq \(seq)")
        case .truncated(let chainEnd, _): throw CommandExit(status: truncatedStatus, description: "\(command): the audit log was truncated after seq \(chainEnd)")
        case .archivedPastCheckpoint(let boundary, _):
            throw CommandExit(status: archivedPastCheckpointStatus, description: "\(command): the checkpoint precedes the archive boundary (seq \(boundary))")
        }
    }

    /// The HMAC key: the file's bytes without trailing whitespace, at least 32 of them.
    static func key(at path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FileProblem("cannot read the key file \(path)") }
        var key = [UInt8](data)
        while let last = key.last, [0x20, 0x09, 0x0a, 0x0d].contains(last) { key.removeLast() }
        guard key.count >= AuditCheckpoint.minimumKeyBytes else {
            throw FileProblem("the key file \(path) holds \(key.count) bytes; a key needs at least \(AuditCheckpoint.minimumKeyBytes) (e.g. head -c 32 /dev/urandom | base64 > \(path))")
        }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            progressLine("warning: the key file \(path) is readable by other users (chmod 600 it)")
        }
        return key
    }

    /// A checkpoint file, accepted only if `key` signed it (exit 6 otherwise).
    static func checkpoint(at path: String, key: [UInt8]) throws -> AuditCheckpoint {
        guard let data = FileManager.default.contents(atPath: path) else { throw FileProblem("cannot read the checkpoint file \(path)") }
        do {
            return try AuditCheckpoint(verifying: String(decoding: data, as: UTF8.self), key: key)
        } catch {
            emit("checkpoint REJECTED: \(path): \(error)")
            throw CommandExit(status: checkpointRejectedStatus, description: "the checkpoint \(path) was not signed by this key as it stands")
        }
    }

    /// A file that could not be used: the check cannot run (exit 1).
    struct FileProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

/// Options these commands do not know are mistakes, not flags to ignore: a typo must not go unnoticed.
func rejectUnexpected(_ arguments: Arguments, valued: Set<String>) throws(UsageError) {
    if let option = Set(arguments.options.keys).subtracting(valued).sorted().first { throw UsageError("unknown option --\(option)") }
    if let flag = arguments.flags.sorted().first { throw UsageError("unknown option --\(flag)") }
    if let word = arguments.positionals.first { throw UsageError("unexpected argument '\(word)'") }
}

extension Int {
    /// Digits in groups of three, e.g. 12,345, whatever the locale.
    var grouped: String {
        let digits = Array(String(magnitude))
        var text = self < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
