/// A partner to be told about an outcome, through one of its own referrals in the network.
public struct DisclosureRecipient: Sendable, Hashable {
    /// The partner's own referral the item is about.
    public let referral: DisclosureSource
    /// Links between that referral and the actioned one: 0 for the actioned referral itself,
    /// 1 when they share an indicator directly.
    public let hops: Int

    public init(referral: DisclosureSource, hops: Int) {
        self.referral = referral
        self.hops = hops
    }

    public var partnerID: String { referral.partnerID }
}
