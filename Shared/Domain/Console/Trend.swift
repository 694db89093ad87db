/// A figure against the same figure of the previous period, in words (never an arrow alone).
public enum Trend: Sendable, Hashable {
    case up(Double)
    case down(Double)
    case same
    /// One of the two periods has no figure.
    case unknown

    public init(current: Double?, previous: Double?) {
        guard let current, let previous else { self = .unknown; return }
        self = current > previous ? .up(current - previous) : current < previous ? .down(previous - current) : .same
    }

    /// "up 3", "down 2.5", "no change", "no comparison".
    public var text: String {
        switch self {
        case .up(let by): "up \(RAGRule.number(by))"
        case .down(let by): "down \(RAGRule.number(by))"
        case .same: "no change"
        case .unknown: "no comparison"
        }
    }
}
