import Crypto

/// A signed statement of the chain's head: "at `takenAt` the row numbered `seq` carried `hash`".
///
/// The HMAC-SHA-256 key lives outside the database, so no one who can only write the database can
/// make a checkpoint; whoever rewrites or cuts the log afterwards must leave a different hash at
/// `seq`, or no row there, which `AuditLog.verify(on:against:)` reports. The file is text:
///
///     occ-audit-checkpoint/1
///     chain_seq: 1234
///     hash: <64 hex digits>
///     taken_at: 2025-05-01T09:30:00.123Z
///     hmac_sha256: <64 hex digits over the four lines above, each ending in a newline>
public struct AuditCheckpoint: Sendable, Hashable {
    public let seq: Int64
    public let hash: String
    /// As written in the file (ISO 8601, UTC).
    public let takenAt: String

    /// Keys shorter than this are refused: HMAC-SHA-256 wants at least its output's 32 bytes.
    public static let minimumKeyBytes = 32
    static let header = "occ-audit-checkpoint/1"

    public init(head: AuditLog.Head?, takenAt: String) {
        seq = head?.seq ?? 0
        hash = head?.hash ?? AuditLog.genesisHash
        self.takenAt = takenAt
    }

    /// The file's text, signed with `key`.
    public func signed(key: [UInt8]) -> String {
        let body = Self.body(seq: seq, hash: hash, takenAt: takenAt)
        return body + "hmac_sha256: \(Hex.encode(HMACSHA256.authenticationCode(for: Array(body.utf8), key: key)))\n"
    }

    /// Reads a checkpoint file's text, accepting it only if `key` signed exactly this text.
    public init(verifying text: String, key: [UInt8]) throws(Invalid) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.count == 5, lines[0] == Self.header else {
            throw .malformed("expected the five lines of an \(Self.header) file")
        }
        let names = ["chain_seq", "hash", "taken_at", "hmac_sha256"]
        var values: [String] = []
        for (line, name) in zip(lines.dropFirst(), names) {
            guard line.hasPrefix("\(name): ") else { throw .malformed("expected '\(name): ' at the start of a line") }
            values.append(String(line.dropFirst(name.count + 2)))
        }
        let body = lines.prefix(4).map { $0 + "\n" }.joined()
        guard let code = Hex.decode(values[3]), code.count == 32,
              HMACSHA256.isValid(code, for: Array(body.utf8), key: key) else { throw .badSignature }
        // Signed by the key, so written by `signed(key:)`: still, check what it says.
        guard let seq = Int64(values[0]), seq >= 0 else { throw .malformed("chain_seq is not a whole number") }
        guard values[1].utf8.count == 64, Hex.decode(values[1]) != nil, values[1] == values[1].lowercased() else {
            throw .malformed("hash is not 64 lower-case hex digits")
        }
        guard seq > 0 || values[1] == AuditLog.genesisHash else { throw .malformed("an empty chain's hash must be the genesis hash") }
        self.seq = seq
        hash = values[1]
        takenAt = values[2]
    }

    static func body(seq: Int64, hash: String, takenAt: String) -> String {
        "\(header)\nchain_seq: \(seq)\nhash: \(hash)\ntaken_at: \(takenAt)\n"
    }

    /// Why a checkpoint file was not accepted.
    public enum Invalid: Error, Hashable, CustomStringConvertible {
        case malformed(String)
        /// The HMAC does not match: another key signed it, or the file was edited.
        case badSignature

        public var description: String {
            switch self {
            case .malformed(let reason): "not a checkpoint file: \(reason)"
            case .badSignature: "the checkpoint's signature does not match: it was altered, or signed with another key"
            }
        }
    }
}
