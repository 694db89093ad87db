import Foundation

/// The paging parameters of a partner-facing list (`cursor`, `since`, `limit`), checked
/// together so a request with several bad parameters hears about all of them (400, each named).
public struct PollQuery: Sendable, Hashable {
    /// Rows strictly after this position; the feed's start when the caller sent no cursor.
    public let after: FeedCursor
    /// Only rows stamped after this instant (a starting point for a first poll), when given.
    public let since: Date?
    public let limit: Int

    public init(after: FeedCursor, since: Date?, limit: Int) {
        self.after = after
        self.since = since
        self.limit = limit
    }

    /// Parses the raw query values of one feed. `limits` is the default and the maximum page size.
    public static func parse(
        cursor: String?, since: String?, limit: String?, stream: String, limits: (default: Int, maximum: Int)
    ) -> Result<PollQuery, ValidationFailure> {
        var problems: [FieldError] = []
        var after = FeedCursor.start(stream)
        if let cursor {
            if let parsed = FeedCursor(cursor, stream: stream) {
                after = parsed
            } else {
                problems.append(FieldError(.root.appending("cursor"), "not a cursor of this list: pass next_cursor of the previous page unchanged"))
            }
        }
        var sinceDate: Date?
        if let since {
            switch Timestamp.validate(since) {
            case .success(let date): sinceDate = date
            case .failure(let error): problems.append(FieldError(.root.appending("since"), error.message))
            }
        }
        let size = PageLimit.parse(limit, default: limits.default, maximum: limits.maximum, problems: &problems)
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        return .success(PollQuery(after: after, since: sinceDate, limit: size))
    }
}
