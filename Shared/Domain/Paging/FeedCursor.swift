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
        Data("\(stream).\(transaction).\(sequence)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a cursor of `stream` back; nil for anything this code did not produce.
    public init?(_ text: String, stream: String) {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        guard (1...96).contains(text.utf8.count), text.utf8.allSatisfy(alphabet.contains), text.utf8.count % 4 != 1 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else { return nil }
        let parts = decoded.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == stream,
              let transaction = Self.digits(parts[1]).flatMap({ UInt64($0) }),
              let sequence = Self.digits(parts[2]).flatMap({ Int64($0) })
        else { return nil }
        self.init(stream: stream, transaction: transaction, sequence: sequence)
        // Only the canonical spelling: one cursor, one text.
        guard description == text else { return nil }
    }

    /// Plain decimal digits, no sign, no leading zeros (so each position has one spelling).
    private static func digits(_ text: Substring) -> Substring? {
        guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ (48...57).contains($0) }),
              text == "0" || text.first != "0"
        else { return nil }
        return text
    }
}
