/// Why a text is not an accepted timestamp; `message` is written for the partner reading a 400/422.
public enum TimestampError: Error, Sendable, Hashable {
    /// Not of the form `2026-06-01T09:30:00Z` at all.
    case syntax
    /// Well-formed but naming no real instant we accept (the reason says which part).
    case range(String)
    /// STIX requires UTC written with `Z`.
    case notUTC

    public var message: String {
        switch self {
        case .syntax: "not an RFC 3339 timestamp such as 2026-06-01T09:30:00Z"
        case .range(let reason): "not a valid timestamp: \(reason)"
        case .notUTC: "STIX timestamps must be UTC with a Z suffix and an upper-case T, e.g. 2026-06-01T09:30:00.000Z"
        }
    }
}
