extension RoutingRule {
    /// The seed rule set (the migration stores these rows; operators edit them afterwards).
    /// CoLP's two-week decision target for fraud gives Report Fraud a 336-hour SLA. A threat to
    /// life, a major loss (converted to GBP) or a vulnerable victim's large loss is P1 by rule,
    /// whatever the score; each ROCU region's referrals (by the victim's postcode) go to its ROCU.
    public static let defaults: [RoutingRule] = [
        RoutingRule(
            id: "threat-to-life-fraud", description: "Fraud where a life is at risk goes to the CoLP Fraud Targeting Cell as P1",
            match: RoutingMatch(crimeFamilies: [.fraud]).with { $0.threatToLife = true },
            route: RouteTarget(team: "COLP_FTC", priority: .p1, slaHours: 1)),
        RoutingRule(
            id: "threat-to-life-cyber", description: "Cyber incidents where a life is at risk go to NCA TICAT as P1",
            match: RoutingMatch(crimeFamilies: [.cyber]).with { $0.threatToLife = true },
            route: RouteTarget(team: "NCA_TICAT", priority: .p1, slaHours: 1)),
        RoutingRule(
            id: "cyber-ticat-major-loss", description: "Cyber incidents with a loss of £1m or more go to NCA TICAT as P1",
            match: RoutingMatch(crimeFamilies: [.cyber]).with { $0.minimumLossGBP = 1000000 },
            route: RouteTarget(team: "NCA_TICAT", priority: .p1, slaHours: 4)),
        RoutingRule(
            id: "fraud-ftc-major-loss-vulnerable", description: "Fraud against a vulnerable victim with a loss of £100k or more goes to the Fraud Targeting Cell as P1",
            match: RoutingMatch(crimeFamilies: [.fraud]).with { $0.minimumLossGBP = 100000; $0.vulnerable = true },
            route: RouteTarget(team: "COLP_FTC", priority: .p1, slaHours: 24)),
        RoutingRule(
            id: "cyber-ticat-high-harm", description: "High-harm cyber incidents go to NCA TICAT as P1",
            match: RoutingMatch(crimeFamilies: [.cyber], minimumScore: 70),
            route: RouteTarget(team: .ncaTICAT, priority: .p1, slaHours: 4)),
        RoutingRule(
            id: "cyber-ticat", description: "Cyber incidents go to NCA TICAT for triage",
            match: RoutingMatch(crimeFamilies: [.cyber]),
            route: RouteTarget(team: .ncaTICAT, priority: .p2, slaHours: 24)),
        RoutingRule(
            id: "fraud-ftc-corroborated", description: "Fraud corroborated by two or more partners goes to the CoLP Fraud Targeting Cell",
            match: RoutingMatch(crimeFamilies: [.fraud], minimumDistinctPartners: 2),
            route: RouteTarget(team: .colpFTC, priority: .p2, slaHours: 72)),
        RoutingRule(
            id: "fraud-report-fraud", description: "All fraud goes to Report Fraud for crime recording",
            match: RoutingMatch(crimeFamilies: [.fraud]),
            route: RouteTarget(team: .reportFraud, priority: .p3, slaHours: 336)),
        RoutingRule(
            id: "overseas-nca-international", description: "Anything with an overseas element goes to NCA international enquiries",
            match: RoutingMatch(overseas: true),
            route: RouteTarget(team: .ncaInternational, priority: .p3, slaHours: 168)),
    ] + rocuRegions.map { code, name, team in
        RoutingRule(
            id: "rocu-\(code)", description: "Referrals with a victim in the \(name) go to its Regional Organised Crime Unit",
            match: RoutingMatch().with { $0.rocuRegions = [code] },
            route: RouteTarget(team: TeamCode(rawValue: team), priority: .p3, slaHours: 168))
    }

    /// The nine ROCU regions as migration 11 seeds them: code, name, team.
    static let rocuRegions = [
        ("north-east", "North East", "ROCU_NORTH_EAST"), ("north-west", "North West", "ROCU_NORTH_WEST"),
        ("yorkshire-humber", "Yorkshire and the Humber", "ROCU_YORKSHIRE_HUMBER"),
        ("east-midlands", "East Midlands", "ROCU_EAST_MIDLANDS"), ("west-midlands", "West Midlands", "ROCU_WEST_MIDLANDS"),
        ("eastern", "Eastern", "ROCU_EASTERN"), ("south-east", "South East", "ROCU_SOUTH_EAST"),
        ("south-west", "South West", "ROCU_SOUTH_WEST"), ("wales", "Wales", "ROCU_WALES"),
    ]

    /// The default rules as canonical JSON (an array), for seeding a table.
    public static var defaultsJSON: String {
        (try? JSONValue(encoding: defaults).canonicalText) ?? "[]"
    }
}

extension RoutingMatch {
    /// A copy with `change` applied, for conditions the initialiser does not take.
    func with(_ change: (inout RoutingMatch) -> Void) -> RoutingMatch {
        var copy = self
        change(&copy)
        return copy
    }
}
