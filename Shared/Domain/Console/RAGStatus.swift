/// A RAG status, carried as text as well as colour (the console never relies on colour alone).
public enum RAGStatus: String, Sendable, CaseIterable, Comparable {
    case green, amber, red

    /// The text label shown beside the colour.
    public var label: String {
        switch self {
        case .green: "Green"
        case .amber: "Amber"
        case .red: "Red"
        }
    }

    private var rank: Int {
        switch self {
        case .green: 0
        case .amber: 1
        case .red: 2
        }
    }

    public static func < (lhs: RAGStatus, rhs: RAGStatus) -> Bool { lhs.rank < rhs.rank }
}
