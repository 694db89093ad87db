import Foundation

/// One tasking to create: a team, its priority and SLA, and which rules asked for it.
public struct TaskingRoute: Sendable, Hashable, Codable {
    public let team: TeamCode
    public let priority: Priority
    public let slaHours: Int
    /// Every enabled rule that matched for this team, in rule order (the most urgent set the terms).
    public let ruleIDs: [String]

    public init(team: TeamCode, priority: Priority, slaHours: Int, ruleIDs: [String]) {
        self.team = team
        self.priority = priority
        self.slaHours = slaHours
        self.ruleIDs = ruleIDs
    }

    /// When the SLA runs out for work routed at `routedAt`.
    public func deadline(from routedAt: Date) -> Date {
        routedAt.addingTimeInterval(Double(slaHours) * 3_600)
    }

    private enum CodingKeys: String, CodingKey {
        case team, priority
        case slaHours = "sla_hours"
        case ruleIDs = "rule_ids"
    }
}
