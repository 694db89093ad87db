extension RoutingRule {
    /// The seed rule set (the migration stores these rows; operators edit them afterwards).
    /// CoLP's two-week decision target for fraud gives Report Fraud a 336-hour SLA.
    public static let defaults: [RoutingRule] = [
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
    ]

    /// The default rules as canonical JSON (an array), for seeding a table.
    public static var defaultsJSON: String {
        (try? JSONValue(encoding: defaults).canonicalText) ?? "[]"
    }
}
