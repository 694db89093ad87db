/// A referral whose data an outgoing item may reveal, with what bounds its disclosure.
public struct DisclosureSource: Sendable, Hashable {
    public let referralID: String
    /// The partner that referred it: the one named recipient of TLP:RED and handling-code C material.
    public let partnerID: String
    /// Revealed to another partner only as an identity the release policy allows.
    public let partnerName: String
    public let markings: HandlingMarkings
    /// Correlation keys this referral contributed.
    public let indicatorKeys: Set<String>

    public init(referralID: String, partnerID: String, partnerName: String, markings: HandlingMarkings, indicatorKeys: Set<String>) {
        self.referralID = referralID
        self.partnerID = partnerID
        self.partnerName = partnerName
        self.markings = markings
        self.indicatorKeys = indicatorKeys
    }
}
