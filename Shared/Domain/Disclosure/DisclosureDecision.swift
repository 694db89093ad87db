/// What the decision point decided for one recipient, with its reasons, for the audit log.
public struct DisclosureDecision: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        /// Everything the outcome holds for this recipient is released.
        case release
        /// Released with parts held back (`reasons` says which and why).
        case releaseRedacted = "release_redacted"
        /// Nothing goes to this recipient.
        case withhold
    }

    public let verdict: Verdict
    /// Sorted, without repeats; empty exactly when the verdict is `release`.
    public let reasons: [DisclosureReason]
    /// The item to store and deliver; nil when withheld.
    public let item: FeedbackItem?
    /// The referrals whose data the item reveals: its marking is the strictest of theirs. (A set:
    /// in a large network there are hundreds per decision, and sorting them per decision cost
    /// more than the rest of the decision.)
    public let revealedReferralIDs: Set<String>

    init(item: FeedbackItem?, reasons: Set<DisclosureReason>, revealed: Set<String>) {
        self.item = item
        self.reasons = reasons.sorted()
        self.revealedReferralIDs = revealed
        verdict = item == nil ? .withhold : reasons.isEmpty ? .release : .releaseRedacted
    }
}
