/// A partner to be told about an outcome, with what that partner itself contributed.
public struct FeedbackRecipient: Sendable, Hashable, Codable {
    public let partnerID: String
    /// The partner's own referral linked to the tasking.
    public let referralID: String
    /// Correlation keys of the indicators this partner referred; only these may be echoed back.
    public let contributedIndicatorKeys: Set<String>

    public init(partnerID: String, referralID: String, contributedIndicatorKeys: Set<String>) {
        self.partnerID = partnerID
        self.referralID = referralID
        self.contributedIndicatorKeys = contributedIndicatorKeys
    }

    private enum CodingKeys: String, CodingKey {
        case partnerID = "partner_id"
        case referralID = "referral_id"
        case contributedIndicatorKeys = "contributed_indicator_keys"
    }
}
