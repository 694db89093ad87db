/// Where a matching rule sends the work, how urgently, and how soon it must be picked up.
public struct RouteTarget: Sendable, Hashable, Codable {
    public let team: TeamCode
    public let priority: Priority
    public let slaHours: Int

    public init(team: TeamCode, priority: Priority, slaHours: Int) {
        self.team = team
        self.priority = priority
        self.slaHours = slaHours
    }

    private enum CodingKeys: String, CodingKey {
        case team, priority
        case slaHours = "sla_hours"
    }
}
