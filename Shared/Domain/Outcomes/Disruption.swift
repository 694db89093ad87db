/// A disruption carried out as part of an outcome, optionally against one indicator.
public struct Disruption: Sendable, Hashable, Codable {
    public let kind: DisruptionKind
    /// Correlation key of the indicator acted on (`phone:+447700900123`), if any.
    public let indicatorKey: String?

    public init(kind: DisruptionKind, indicatorKey: String? = nil) {
        self.kind = kind
        self.indicatorKey = indicatorKey
    }

    private enum CodingKeys: String, CodingKey {
        case kind
        case indicatorKey = "indicator_key"
    }
}
