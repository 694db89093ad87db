/// A partner of an acting sector, as the decision point weighs it for a request.
public struct RequestCandidate: Sendable, Hashable {
    public let partnerID: String
    public let sector: Sector
    /// The partner referred the request's indicator itself, so it likely holds the number or
    /// account, and already knows the value.
    public let holds: Bool

    public init(partnerID: String, sector: Sector, holds: Bool) {
        self.partnerID = partnerID
        self.sector = sector
        self.holds = holds
    }
}
