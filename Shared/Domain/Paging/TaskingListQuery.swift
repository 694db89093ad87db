/// The parameters of an agency's work list (`GET /v1/taskings`): `cursor`, `limit`, and the
/// filters `status`, `priority`, `team` and `sla` (`warning`: flagged at its warning point;
/// `overdue`: past its deadline, the supervisor list). Every problem is reported at once, each naming its
/// parameter; a parameter the list does not know, or one given twice, is a problem too.
public struct TaskingListQuery: Sendable, Hashable {
    public static let defaultLimit = 100
    public static let maximumLimit = 500
    public static let statuses: Set<String> = ["new", "accepted", "closed"]
    public static let slaFlags: Set<String> = ["warning", "overdue"]
    private static let names: Set<String> = ["cursor", "limit", "status", "priority", "team", "sla"]

    /// Rows strictly after this position; from the top of the list when nil.
    public let after: TaskingCursor?
    public let limit: Int
    public let status: String?
    public let priority: Priority?
    public let team: TeamCode?
    public let sla: String?

    public init(
        after: TaskingCursor? = nil, limit: Int = defaultLimit, status: String? = nil, priority: Priority? = nil, team: TeamCode? = nil,
        sla: String? = nil
    ) {
        self.after = after
        self.limit = limit
        self.status = status
        self.priority = priority
        self.team = team
        self.sla = sla
    }

    /// Parses the query's `(name, value)` pairs in order.
    public static func parse(_ items: [(name: String, value: String)]) -> Result<TaskingListQuery, ValidationFailure> {
        let parameters = QueryParameters(items, allowed: names)
        var problems = parameters.problems
        let values = parameters.values
        var after: TaskingCursor?
        if let text = values["cursor"] {
            after = TaskingCursor(text)
            if after == nil {
                problems.append(FieldError(.root.appending("cursor"), "not a cursor of this list: pass next_cursor of the previous page unchanged"))
            }
        }
        let limit = PageLimit.parse(values["limit"], default: defaultLimit, maximum: maximumLimit, problems: &problems)
        let status = values["status"]
        if let status, !statuses.contains(status) {
            problems.append(FieldError(.root.appending("status"), "must be one of \(statuses.sorted().joined(separator: ", "))"))
        }
        let priority = values["priority"].flatMap(Priority.init(rawValue:))
        if values["priority"] != nil, priority == nil {
            problems.append(FieldError(.root.appending("priority"), "must be one of P1, P2, P3, P4"))
        }
        let team = values["team"].map { TeamCode(rawValue: $0) }
        if let team, !team.isWellFormed {
            problems.append(FieldError(.root.appending("team"), "not a team code such as COLP_FTC"))
        }
        let sla = values["sla"]
        if let sla, !slaFlags.contains(sla) {
            problems.append(FieldError(.root.appending("sla"), "must be warning or overdue"))
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        return .success(TaskingListQuery(after: after, limit: limit, status: status, priority: priority, team: team, sla: sla))
    }
}
