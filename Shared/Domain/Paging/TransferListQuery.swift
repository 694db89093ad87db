/// The parameters of `GET /v1/transfers` (transfers into and out of the officer's agency, newest
/// first): `cursor` (the previous page's `next_cursor`, opaque) and `limit` (1 to 500, default
/// 100). Every problem is reported at once, each naming its parameter; an unknown or repeated
/// parameter is a problem too.
public struct TransferListQuery: Sendable, Hashable {
    public static let defaultLimit = 100
    public static let maximumLimit = 500
    private static let names: Set<String> = ["cursor", "limit"]

    /// Transfers with a smaller id than this; from the newest when nil.
    public let before: Int64?
    public let limit: Int

    public init(before: Int64? = nil, limit: Int = defaultLimit) {
        self.before = before
        self.limit = limit
    }

    /// The cursor that continues after the transfer `id`.
    public static func cursor(after id: Int64) -> String {
        OpaqueToken.encode("transfers.\(id)")
    }

    public static func parse(_ items: [(name: String, value: String)]) -> Result<TransferListQuery, ValidationFailure> {
        let parameters = QueryParameters(items, allowed: names)
        var problems = parameters.problems
        let values = parameters.values
        var before: Int64?
        if let text = values["cursor"] {
            let decoded = OpaqueToken.decode(text, maxLength: 64)
            let parts = decoded?.split(separator: ".", omittingEmptySubsequences: false) ?? []
            if parts.count == 2, parts[0] == "transfers", let id = Int64(parts[1]), id > 0 {
                before = id
            } else {
                problems.append(FieldError(.root.appending("cursor"), "not a cursor of this list: pass next_cursor of the previous page unchanged"))
            }
        }
        let limit = PageLimit.parse(values["limit"], default: defaultLimit, maximum: maximumLimit, problems: &problems)
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        return .success(TransferListQuery(before: before, limit: limit))
    }
}
