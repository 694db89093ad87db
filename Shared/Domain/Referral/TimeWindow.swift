import Foundation

/// When the activity was seen, first to last (equal for a single sighting).
public struct TimeWindow: Sendable, Hashable, Codable {
    public let firstSeen: Date
    public let lastSeen: Date

    public init(firstSeen: Date, lastSeen: Date) {
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    private enum CodingKeys: String, CodingKey {
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        firstSeen = try container.decodeTimestamp(forKey: .firstSeen)
        lastSeen = try container.decodeTimestamp(forKey: .lastSeen)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTimestamp(firstSeen, forKey: .firstSeen)
        try container.encodeTimestamp(lastSeen, forKey: .lastSeen)
    }
}
