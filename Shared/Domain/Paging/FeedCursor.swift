import Foundation

/// A position in one partner-facing feed (feedback items, referrals): the writing transaction's
/// id (`xid8`) and the row's sequence number within the feed. Feeds are read in that order and
/// only up to the oldest transaction still running, so no row can later appear behind a cursor
/// already handed out (docs/polling.md explains why).
///
/// On the wire it is opaque: base64url of `<stream>.<xid>.<seq>`, so callers do not build or
/// compare cursors, and a cursor of one feed is refused by another.
public struct FeedCursor: Sendable, Hashable, CustomStringConvertible {
    public let stream: String
    public let transaction: UInt64
    public let sequence: Int64

    public init(stream: String, transaction: UInt64, sequence: Int64) {
        self.stream = stream
        self.transaction = transaction
        self.sequence = sequence
    }

    /// Before every row of `stream`.
    public static func start(_ stream: String) -> FeedCursor {
        FeedCursor(stream: stream, transaction: 0, sequence: 0)
    }

    /// The opaque text handed to callers.
    public var description: String {
        OpaqueToken.encode("\(stream).\(transaction).\(sequence)")
    }

    /// Reads a cursor of `stream` back; nil for anything this code did not produce.
    public init?(_ text: String, stream: String) {
        guard let decoded = OpaqueToken.decode(text, maxLength: 96) else { return nil }
        let parts = decoded.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == stream,
              let transaction = OpaqueToken.digits(parts[1]).flatMap({ UInt64($0) }),
              let sequence = OpaqueToken.digits(parts[2]).flatMap({ Int64($0) })
        else { return nil }
        self.init(stream: stream, transaction: transaction, sequence: sequence)
        // Only the canonical spelling: one cursor, one text.
        guard description == text else { return nil }
    }
}
