/// What enrichment adds to a referral beside its score, as stored and shown with it: its
/// network, the indicators it derived, and which of its keys are on a warning list.
public struct ReferralEnrichment: Sendable, Hashable, Codable {
    public let networkID: Int64
    public let derivedIndicators: [DerivedIndicator]
    /// Recorded and shown, but linking nothing.
    public let warninglisted: [String]
    /// Recorded and shown, but linking nothing because of the indicator's role.
    public let unlinkedByRole: [String]

    public init(networkID: Int64, derivedIndicators: [DerivedIndicator], warninglisted: [String], unlinkedByRole: [String] = []) {
        self.networkID = networkID
        self.derivedIndicators = derivedIndicators
        self.warninglisted = warninglisted
        self.unlinkedByRole = unlinkedByRole
    }

    private enum CodingKeys: String, CodingKey {
        case networkID = "network_id"
        case derivedIndicators = "derived_indicators"
        case warninglisted
        case unlinkedByRole = "unlinked_by_role"
    }
}
