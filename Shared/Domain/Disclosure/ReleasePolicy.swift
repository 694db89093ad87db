/// What partners other than the actioned referral's own partner may learn, as data
/// (`disclosure_policy`, edited with `occ policy set`). Markings bound everything first: a policy
/// can only narrow what the markings allow, never widen it.
public struct ReleasePolicy: Sendable, Hashable {
    /// Recipients are partners whose referral is at most this many shared-indicator links from
    /// the actioned referral.
    public var recipientHopLimit: Int
    /// Money protected, restrained and repatriated, to partners other than the actioned referral's.
    public var linkedPartnerMoney: Bool
    /// Kinds of disruption performed on indicators the recipient did not refer.
    public var linkedPartnerDisruptionKinds: Bool
    /// Names of the other partners whose referrals are linked (`corroborated_by`).
    public var partnerIdentities: Bool

    public init(recipientHopLimit: Int, linkedPartnerMoney: Bool, linkedPartnerDisruptionKinds: Bool, partnerIdentities: Bool) {
        self.recipientHopLimit = recipientHopLimit
        self.linkedPartnerMoney = linkedPartnerMoney
        self.linkedPartnerDisruptionKinds = linkedPartnerDisruptionKinds
        self.partnerIdentities = partnerIdentities
    }

    /// The seeded policy (migration 9): direct links only; kinds of disruption shared; money and
    /// identities withheld.
    public static let defaults = ReleasePolicy(
        recipientHopLimit: 1, linkedPartnerMoney: false, linkedPartnerDisruptionKinds: true, partnerIdentities: false)

    public static let hopLimits = 1...3
}
