/// The parameters of a list of requests or RFIs (a partner's inbox, an agency's overdue list):
/// `cursor`, `limit` and, where the list has states, `status`. Every problem is reported at
/// once, each naming its parameter; an unknown or repeated parameter is a problem too.
public struct RequestListQuery: Sendable, Hashable {
    public static let defaultLimit = 100
    public static let maximumLimit = 500

    /// Rows strictly after these ids; from the start when nil.
    public let after: RequestCursor?
    public let limit: Int
    public let status: String?

    public init(after: RequestCursor? = nil, limit: Int = defaultLimit, status: String? = nil) {
        self.after = after
        self.limit = limit
        self.status = status
    }

    /// Parses the query of list `list`, whose cursors carry `streams` ids, accepting `status`
    /// only when `statuses` is not empty.
    public static func parse(
        _ items: [(name: String, value: String)], list: String, streams: Int = 1, statuses: Set<String> = []
    ) -> Result<RequestListQuery, ValidationFailure> {
        let parameters = QueryParameters(items, allowed: statuses.isEmpty ? ["cursor", "limit"] : ["cursor", "limit", "status"])
        var problems = parameters.problems
        let values = parameters.values
        let after = values["cursor"].flatMap { RequestCursor($0, list: list, count: streams) }
        if values["cursor"] != nil, after == nil {
            problems.append(FieldError(.root.appending("cursor"), "not a cursor of this list: pass next_cursor of the previous page unchanged"))
        }
        let limit = PageLimit.parse(values["limit"], default: defaultLimit, maximum: maximumLimit, problems: &problems)
        let status = values["status"]
        if let status, !statuses.contains(status) {
            problems.append(FieldError(.root.appending("status"), "must be one of \(statuses.sorted().joined(separator: ", "))"))
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        return .success(RequestListQuery(after: after, limit: limit, status: status))
    }
}
