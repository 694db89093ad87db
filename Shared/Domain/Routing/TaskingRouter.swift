/// Applies routing rules to a referral's facts, in order. Every enabled matching rule
/// contributes until one marked `stop` matches (it contributes, later rules are skipped), but
/// each team gets one tasking: the most urgent priority among its rules, then the shortest
/// SLA, then the earlier rule. Results are ordered by priority, then team code, so the same
/// rules and facts always give the same list.
public struct TaskingRouter: Sendable {
    public let rules: [RoutingRule]

    public init(rules: [RoutingRule] = RoutingRule.defaults) {
        self.rules = rules
    }

    public func route(_ facts: RoutingFacts) -> [TaskingRoute] {
        var chosen: [TeamCode: RouteTarget] = [:]
        var ruleIDs: [TeamCode: [String]] = [:]
        for rule in rules where rule.enabled && rule.match.matches(facts) {
            let target = rule.route
            ruleIDs[target.team, default: []].append(rule.id)
            if chosen[target.team].map({ ($0.priority, $0.slaHours) > (target.priority, target.slaHours) }) ?? true {
                chosen[target.team] = target
            }
            if rule.stop { break }
        }
        return chosen.values
            .map { TaskingRoute(team: $0.team, priority: $0.priority, slaHours: $0.slaHours, ruleIDs: ruleIDs[$0.team] ?? []) }
            .sorted { ($0.priority, $0.team) < ($1.priority, $1.team) }
    }
}
