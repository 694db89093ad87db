/// What a partner does to a request addressed to it.
public enum RequestAction: Sendable, Hashable {
    case acknowledge
    case complete(RequestCompletion)
    case decline(reason: String)

    /// The audit verb: `request.acknowledged`, `request.completed`, `request.declined`.
    public var auditAction: String {
        switch self {
        case .acknowledge: "request.acknowledged"
        case .complete: "request.completed"
        case .decline: "request.declined"
        }
    }
}
