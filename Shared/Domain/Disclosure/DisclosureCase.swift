import Foundation

/// Everything the decision point needs about one outcome, the same for every recipient.
public struct DisclosureCase: Sendable, Hashable {
    /// The stored outcome's id: part of every item's id, so two outcomes that read alike (same
    /// kind, same millisecond, same network) each leave their own items.
    public let outcomeID: Int64
    public let outcome: Outcome
    public let note: NoteRelease
    /// The referral the outcome's tasking is on: the outcome's facts are its data.
    public let actioned: DisclosureSource
    /// Every other referral within the hop limit, whose partners' identities the item may name.
    public let linked: [DisclosureSource]
    /// The latest `embargo_until` of any outcome on any tasking of the actioned referral's whole
    /// network (not only within the hop limit), whether or not it is still in force.
    public let latestNetworkEmbargo: Date?

    public init(
        outcomeID: Int64, outcome: Outcome, note: NoteRelease, actioned: DisclosureSource, linked: [DisclosureSource], latestNetworkEmbargo: Date?
    ) {
        self.outcomeID = outcomeID
        self.outcome = outcome
        self.note = note
        self.actioned = actioned
        self.linked = linked
        self.latestNetworkEmbargo = latestNetworkEmbargo
    }

    /// The instant the network's last embargo lifts, when one is in force at `now`.
    public func embargoLifts(after now: Date) -> Date? {
        latestNetworkEmbargo.flatMap { $0 > now ? $0 : nil }
    }
}
