/// THRIVE-style harm inputs a partner states at intake, beyond loss, victims and vulnerability:
/// what routing needs to send a case to the right team at once (a threat to life is P1).
public struct HarmFlags: Sendable, Hashable, Codable {
    public let threatToLife: Bool
    public let safeguardingConcern: Bool
    public let ongoingHarm: Bool
    public let repeatVictim: Bool

    public init(threatToLife: Bool = false, safeguardingConcern: Bool = false, ongoingHarm: Bool = false, repeatVictim: Bool = false) {
        self.threatToLife = threatToLife
        self.safeguardingConcern = safeguardingConcern
        self.ongoingHarm = ongoingHarm
        self.repeatVictim = repeatVictim
    }

    private enum CodingKeys: String, CodingKey {
        case threatToLife = "threat_to_life"
        case safeguardingConcern = "safeguarding_concern"
        case ongoingHarm = "ongoing_harm"
        case repeatVictim = "repeat_victim"
    }

    /// An absent flag is false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            threatToLife: try c.decodeIfPresent(Bool.self, forKey: .threatToLife) ?? false,
            safeguardingConcern: try c.decodeIfPresent(Bool.self, forKey: .safeguardingConcern) ?? false,
            ongoingHarm: try c.decodeIfPresent(Bool.self, forKey: .ongoingHarm) ?? false,
            repeatVictim: try c.decodeIfPresent(Bool.self, forKey: .repeatVictim) ?? false)
    }
}
