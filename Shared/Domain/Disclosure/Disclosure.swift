import Foundation

/// The one decision point for what leaves the exchange about an outcome: for each recipient,
/// release, release redacted or withhold, with reasons.
///
/// Rules, in order:
/// 1. A recipient further than the policy's hop limit from the actioned referral gets nothing.
/// 2. The floor is "Received and being actioned." about the recipient's own referral. That is
///    all anyone hears while any tasking of the network is under embargo, while the outcome is
///    only "under investigation", or when the actioned referral's markings keep its data from the
///    recipient (see `permits`).
/// 3. Otherwise the outcome's kind and Home Office code; money figures and the kinds of
///    disruption on indicators the recipient did not refer go to partners other than the actioned
///    referral's own only where the policy allows; the note only once approved; a declined
///    outcome's rationale only to the actioned referral's own partner (the referrer).
/// 4. A disrupted indicator is echoed only to a partner that referred it, and never from a
///    TLP:RED referral, even to its source.
/// 5. Other partners are named (`corroborated_by`) only where the policy allows and each one's
///    own markings permit this recipient.
/// 6. The item carries the strictest TLP (at least AMBER) and handling code of every referral it
///    reveals, with the conditions of those marked C.
public enum Disclosure: Sendable {
    public static let beingActionedMessage = "Received and being actioned."

    public static func decide(
        _ disclosure: DisclosureCase, for recipient: DisclosureRecipient, policy: ReleasePolicy, now: Date
    ) -> DisclosureDecision {
        guard recipient.hops <= policy.recipientHopLimit else {
            return DisclosureDecision(item: nil, reasons: [.beyondHopLimit], revealed: [])
        }
        var draft = Draft(recipient: recipient)
        if disclosure.embargoLifts(after: now) != nil {
            draft.reasons.insert(.networkEmbargo)
        } else if disclosure.outcome.kind.isInProgress {
            draft.reasons.insert(.inProgress)
        } else if let refusal = refusal(of: disclosure.actioned, to: recipient.partnerID) {
            draft.reasons.insert(refusal)
        } else {
            draft.addOutcome(disclosure, policy: policy)
            draft.addIdentities(disclosure, policy: policy)
        }
        return DisclosureDecision(item: draft.item(disclosure, now: now), reasons: draft.reasons, revealed: Set(draft.revealed.map(\.referralID)))
    }

    /// Why `source`'s data may not go to `partnerID`, or nil when it may. Its own partner is the
    /// named recipient of everything it referred [check: TLP:RED "named recipients" read as the
    /// originating partner only]. To any other partner: never RED; never AMBER+STRICT
    /// (recipient organisation only); never handling code C, whose conditions are free text
    /// read at their strictest (no disclosure to other industry partners) [check].
    public static func refusal(of source: DisclosureSource, to partnerID: String) -> DisclosureReason? {
        guard source.partnerID != partnerID else { return nil }
        switch source.markings.tlp {
        case .red: return .sourceRed
        case .amberStrict: return .sourceAmberStrict
        case .clear, .green, .amber: return source.markings.handlingCode == .conditions ? .handlingConditions : nil
        }
    }

    /// Whether a stored item may be served to `partnerID` on a read: only the partner it was
    /// decided for (row-level security says the same, one layer down).
    public static func isAddressed(_ item: FeedbackItem, to partnerID: String) -> Bool {
        item.partnerID == partnerID
    }
}
