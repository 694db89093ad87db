/// `harm` as sent: four optional flags, each false when absent.
public struct HarmSubmission: Sendable, Hashable {
    public var threatToLife: Bool?
    public var safeguardingConcern: Bool?
    public var ongoingHarm: Bool?
    public var repeatVictim: Bool?

    static let keys = ["threat_to_life", "safeguarding_concern", "ongoing_harm", "repeat_victim"]

    public init(threatToLife: Bool? = nil, safeguardingConcern: Bool? = nil, ongoingHarm: Bool? = nil, repeatVictim: Bool? = nil) {
        self.threatToLife = threatToLife
        self.safeguardingConcern = safeguardingConcern
        self.ongoingHarm = ongoingHarm
        self.repeatVictim = repeatVictim
    }

    init(reader: JSONObjectReader, problems: inout [FieldError]) {
        reader.rejectUnknown(Set(Self.keys), &problems)
        threatToLife = reader.bool(Self.keys[0], &problems)
        safeguardingConcern = reader.bool(Self.keys[1], &problems)
        ongoingHarm = reader.bool(Self.keys[2], &problems)
        repeatVictim = reader.bool(Self.keys[3], &problems)
    }

    var json: JSONValue {
        .object(compacting: zip(Self.keys, [threatToLife, safeguardingConcern, ongoingHarm, repeatVictim]).map { ($0, $1.map(JSONValue.bool)) })
    }

    var flags: HarmFlags {
        HarmFlags(
            threatToLife: threatToLife ?? false, safeguardingConcern: safeguardingConcern ?? false,
            ongoingHarm: ongoingHarm ?? false, repeatVictim: repeatVictim ?? false)
    }
}
