/// One declarative routing rule: a stored row, edited as data (`occ rules`), never code.
public struct RoutingRule: Sendable, Hashable, Codable {
    public let id: String
    public let description: String
    public let enabled: Bool
    public let match: RoutingMatch
    public let route: RouteTarget
    /// When this rule matches, no later rule is evaluated (the routes of earlier ones stand).
    public let stop: Bool

    public init(id: String, description: String, enabled: Bool = true, match: RoutingMatch, route: RouteTarget, stop: Bool = false) {
        self.id = id
        self.description = description
        self.enabled = enabled
        self.match = match
        self.route = route
        self.stop = stop
    }

    /// Problems that decoding cannot see: identifier syntax and value ranges.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        if id.isEmpty || id.count > 64 || !id.allSatisfy(idCharacters.contains) {
            errors.append(FieldError(.root.appending("id"), "must be 1–64 lower-case letters, digits or hyphens"))
        }
        if !route.team.isWellFormed {
            errors.append(FieldError(.root.appending("route").appending("team"), "must be upper-case letters, digits and _ (e.g. NCA_TICAT)"))
        }
        if !(1...8_760).contains(route.slaHours) {
            errors.append(FieldError(.root.appending("route").appending("sla_hours"), "must be between 1 and 8760"))
        }
        if let score = match.minimumScore, !(0...100).contains(score) {
            errors.append(FieldError(.root.appending("match").appending("minimum_score"), "must be between 0 and 100"))
        }
        if let partners = match.minimumDistinctPartners, partners < 1 {
            errors.append(FieldError(.root.appending("match").appending("minimum_distinct_partners"), "must be at least 1"))
        }
        if let loss = match.minimumLossGBP, !(loss >= 0 && loss.isFinite) {
            errors.append(FieldError(.root.appending("match").appending("minimum_loss_gbp"), "must be a non-negative amount"))
        }
        if let size = match.minimumNetworkSize, size < 1 {
            errors.append(FieldError(.root.appending("match").appending("minimum_network_size"), "must be at least 1"))
        }
        return errors
    }

    private enum CodingKeys: String, CodingKey {
        case id, description, enabled, match, route, stop
    }

    /// `enabled` may be omitted and then defaults to true; `stop` to false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        description = try container.decode(String.self, forKey: .description)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        match = try container.decode(RoutingMatch.self, forKey: .match)
        route = try container.decode(RouteTarget.self, forKey: .route)
        stop = try container.decodeIfPresent(Bool.self, forKey: .stop) ?? false
    }

    /// `stop` is written only when set, so rules without it keep their stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(description, forKey: .description)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(match, forKey: .match)
        try container.encode(route, forKey: .route)
        if stop { try container.encode(stop, forKey: .stop) }
    }
}
