/// One step of a funnel (received → tasked → accepted → outcome → judicial) and how many got there.
public struct FunnelStage: Sendable, Equatable {
    public var name: String
    public var count: Double

    public init(name: String, count: Double) {
        self.name = name
        self.count = count
    }
}
