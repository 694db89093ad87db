import Domain
import Postgres

extension PostgresRow {
    /// The feed position of a row selected with `feed_xid::text AS feed_xid, feed_seq`.
    public func feedCursor(stream: String) throws -> FeedCursor {
        let text = try decode(String.self, "feed_xid")
        guard let transaction = UInt64(text) else { throw FeedPositionError(text: text) }
        return FeedCursor(stream: stream, transaction: transaction, sequence: try decode(Int64.self, "feed_seq"))
    }
}

/// A feed row whose `feed_xid` did not read back as an unsigned 64-bit number (never expected:
/// xid8's text form is decimal).
struct FeedPositionError: Error, CustomStringConvertible {
    let text: String
    var description: String { "feed_xid \(text.debugDescription) is not a decimal xid8" }
}
