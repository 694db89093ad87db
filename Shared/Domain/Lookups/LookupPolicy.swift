/// The existence-safe lookup's settings (data: one row, edited with `occ lookups policy`).
public struct LookupPolicy: Sendable, Hashable {
    /// Corroboration counts are shown only when at least this many distinct sectors know a value.
    public let sectorFloor: Int
    /// The most indicator values one request may ask about.
    public let maxValues: Int
    /// Requests one partner may make per clock minute.
    public let requestsPerMinute: Int

    public init(sectorFloor: Int = 3, maxValues: Int = 100, requestsPerMinute: Int = 30) {
        self.sectorFloor = sectorFloor
        self.maxValues = maxValues
        self.requestsPerMinute = requestsPerMinute
    }
}
