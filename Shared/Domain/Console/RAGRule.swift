/// A measure's RAG rule as the operator holds it (`rag_thresholds`, `occ rag set`): green at the
/// green threshold or better, amber at the amber threshold or better, red beyond. "Better" is
/// higher for a rate (SLA compliance) and lower for a count (backlog, overdue items).
public struct RAGRule: Sendable, Hashable {
    public enum Better: String, Sendable, CaseIterable { case higher, lower }

    /// The measures the console rates, in the order it shows them.
    public static let measures = ["sla_compliance_pct", "backlog", "overdue_taskings", "overdue_requests"]

    public let measure: String
    public let better: Better
    public let green: Double
    public let amber: Double

    /// Why a rule is refused.
    public enum Invalid: Error, Equatable, CustomStringConvertible {
        case unknownMeasure(String)
        case inverted(Better)
        case notFinite

        public var description: String {
            switch self {
            case .unknownMeasure(let name): "unknown measure \(name.debugDescription): one of \(RAGRule.measures.joined(separator: ", "))"
            case .inverted(.higher): "when higher is better the green threshold must be at least the amber one"
            case .inverted(.lower): "when lower is better the green threshold must be at most the amber one"
            case .notFinite: "thresholds must be finite numbers"
            }
        }
    }

    public init(measure: String, better: Better, green: Double, amber: Double) throws(Invalid) {
        guard Self.measures.contains(measure) else { throw .unknownMeasure(measure) }
        guard green.isFinite, amber.isFinite else { throw .notFinite }
        guard better == .higher ? green >= amber : green <= amber else { throw .inverted(better) }
        self.measure = measure
        self.better = better
        self.green = green
        self.amber = amber
    }

    /// The status of `value`; nil when there is no value to rate (no taskings were due).
    public func status(of value: Double?) -> RAGStatus? {
        guard let value else { return nil }
        switch better {
        case .higher: return value >= green ? .green : value >= amber ? .amber : .red
        case .lower: return value <= green ? .green : value <= amber ? .amber : .red
        }
    }

    /// The rule in words, as the console shows it on hover and focus.
    public var text: String {
        let (green, amber) = (Self.number(self.green), Self.number(self.amber))
        switch better {
        case .higher: return "Green at \(green) or more; amber at \(amber) or more; red below \(amber)."
        case .lower: return "Green at \(green) or fewer; amber at \(amber) or fewer; red above \(amber)."
        }
    }

    /// A threshold without a needless fraction: 90, 92.5.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
