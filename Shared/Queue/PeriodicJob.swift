/// A job inserted on a fixed interval by whichever worker process gets there first.
public struct PeriodicJob: Sendable {
    public let name: String
    public let interval: Duration
    public let makeInsert: @Sendable () throws -> JobInsert

    public init(name: String, every interval: Duration, _ makeInsert: @escaping @Sendable () throws -> JobInsert) {
        self.name = name
        self.interval = interval
        self.makeInsert = makeInsert
    }
}
