import Postgres

extension AuditLog {
    /// The chain's newest verified link.
    public struct Head: Sendable, Hashable {
        public let seq: Int64
        public let hash: String

        public init(seq: Int64, hash: String) {
            self.seq = seq
            self.hash = hash
        }
    }

    /// The outcome of checking the chain.
    public struct Verification: Sendable, Hashable {
        /// What is wrong, named.
        public enum Finding: Sendable, Hashable {
            /// The row at `seq` does not hash to its stored hash, does not link to the row before it,
            /// or the sequence skips there: a row was forged, altered or deleted.
            case broken(seq: Int64, id: Int64?, reason: String)
            /// The chain holds together, but its hash at the checkpoint's sequence number is not the
            /// signed one: the log was rewritten and chained again at or before `seq`.
            case rechained(seq: Int64, signed: String, found: String)
            /// The chain ends at `chainEnd`, before the checkpoint's `seq`: rows were cut from its end.
            case truncated(chainEnd: Int64, checkpointSeq: Int64)
            /// The checkpoint signs a row that has been archived (`boundary` and below left the
            /// database): verify with a checkpoint taken at or after the boundary.
            case archivedPastCheckpoint(boundary: Int64, checkpointSeq: Int64)
        }

        /// Chained rows that verified (after the archive boundary, if any).
        public let rows: Int
        /// The archive boundary the walk started from; nil when nothing was archived.
        public let archivedThrough: Head?
        /// The last row that verified (the chain's head when intact); nil when none did.
        public let head: Head?
        /// Rows appended but not chained yet: covered by nothing until chained.
        public let pending: Int
        /// Nil when the chain is intact (and agrees with the checkpoint, if one was given).
        public let finding: Finding?
        /// Whether a row at the checkpoint's sequence number carried the signed hash; nil without one.
        public let checkpointMatched: Bool?

        public var isIntact: Bool { finding == nil }
    }

    /// Walks the chain in `chain_seq` order, `pageSize` rows at a time (bounded memory): every row
    /// must follow its predecessor's number, carry its hash as `prev_hash` and hash to its own
    /// columns; with `checkpoint`, the row at its number must carry its hash and the chain must
    /// reach it. Stops at the first finding. After archiving, the walk starts at the newest
    /// boundary (`audit_archives`), which the database alone cannot vouch for: a checkpoint
    /// signed at or after it proves the rows kept descend from the signed chain.
    public static func verify(
        on connection: PostgresConnection, against checkpoint: AuditCheckpoint? = nil, pageSize: Int = 5_000,
        progress: (Int) -> Void = { _ in }
    ) async throws -> Verification {
        let pageSize = max(1, pageSize)
        let boundary = try await archiveBoundary(on: connection)
        var previous = boundary ?? Head(seq: 0, hash: genesisHash)
        var sawCurrentFormat = false
        var matched: Bool? = checkpoint.map { $0.seq == previous.seq && $0.hash == previous.hash }
        func outcome(_ finding: Verification.Finding?) async throws -> Verification {
            Verification(
                rows: Int(previous.seq - (boundary?.seq ?? 0)), archivedThrough: boundary, head: previous.seq == 0 ? nil : previous,
                pending: try await pendingCount(on: connection), finding: finding, checkpointMatched: matched)
        }
        if let checkpoint, let boundary, checkpoint.seq <= boundary.seq {
            guard checkpoint.seq == boundary.seq else {
                return try await outcome(.archivedPastCheckpoint(boundary: boundary.seq, checkpointSeq: checkpoint.seq))
            }
            guard checkpoint.hash == boundary.hash else {
                return try await outcome(.rechained(seq: boundary.seq, signed: checkpoint.hash, found: boundary.hash))
            }
        }
        while true {
            let rows = try await connection.query(AuditQueries.page.binding(previous.seq, pageSize))
            for row in rows {
                let link = try AuditLink(row)
                let seq = previous.seq + 1
                if link.seq != seq {
                    return try await outcome(.broken(seq: seq, id: nil, reason: "no row has this number (the next is \(link.seq)): rows were deleted"))
                }
                if link.prevHash != previous.hash {
                    return try await outcome(.broken(seq: seq, id: link.id, reason: "prev_hash is not the hash of the row before it"))
                }
                if link.isLegacy, sawCurrentFormat {
                    return try await outcome(.broken(seq: seq, id: link.id, reason: "no recorded login, yet rows before it have one"))
                }
                if link.expectedHash != link.hash {
                    return try await outcome(.broken(seq: seq, id: link.id, reason: "hash does not match the row's contents: forged or altered"))
                }
                if let checkpoint, checkpoint.seq == seq {
                    guard link.hash == checkpoint.hash else {
                        return try await outcome(.rechained(seq: seq, signed: checkpoint.hash, found: link.hash))
                    }
                    matched = true
                }
                sawCurrentFormat = sawCurrentFormat || !link.isLegacy
                previous = Head(seq: seq, hash: link.hash)
            }
            progress(Int(previous.seq))
            if rows.count < pageSize { break }
        }
        if let checkpoint, checkpoint.seq > previous.seq {
            return try await outcome(.truncated(chainEnd: previous.seq, checkpointSeq: checkpoint.seq))
        }
        return try await outcome(nil)
    }
}
