import Crypto
import Foundation

/// Turns an outcome into what one contributing partner may be told.
///
/// Rules, in order:
/// 1. While an embargo is in force (`embargoUntil > now`), or while the outcome is only
///    "under investigation", the partner hears "Received and being actioned." and nothing
///    else — not even that an embargo exists.
/// 2. Otherwise the partner gets the outcome category, the Home Office code, the officer's
///    note written for partners, money figures and the kinds of disruption performed.
/// 3. A disrupted indicator is named only if this partner referred it and the partner's
///    referral is not TLP:RED (RED material is never echoed, even to its source).
///    Other partners' indicators appear as a disruption kind alone; no partner identity,
///    count of other partners or other referral is ever included.
/// 4. The item is marked at least TLP:AMBER (police outcomes are not for publication), or
///    the referral's own TLP when that is stricter.
public enum FeedbackSanitiser: Sendable {
    public static let beingActionedMessage = "Received and being actioned."

    public static func feedback(
        for recipient: FeedbackRecipient, outcome: Outcome, referralMarkings: HandlingMarkings, now: Date
    ) -> FeedbackItem {
        let tlp = max(referralMarkings.tlp, .amber)
        guard !outcome.isEmbargoed(at: now), !outcome.kind.isInProgress else {
            return FeedbackItem(
                id: itemID(recipient, .beingActioned, outcome), partnerID: recipient.partnerID,
                referralID: recipient.referralID, status: .beingActioned, message: beingActionedMessage,
                tlp: tlp, issuedAt: now)
        }
        let mayEcho = referralMarkings.tlp != .red
        let disruptions = outcome.disruptions.map { disruption in
            let own = disruption.indicatorKey.map(recipient.contributedIndicatorKeys.contains) ?? false
            return FeedbackDisruption(kind: disruption.kind, indicatorKey: own && mayEcho ? disruption.indicatorKey : nil)
        }
        return FeedbackItem(
            id: itemID(recipient, .outcomeRecorded, outcome), partnerID: recipient.partnerID,
            referralID: recipient.referralID, status: .outcomeRecorded,
            message: "Outcome recorded: \(outcome.kind.title).", outcome: outcome.kind,
            homeOfficeCode: outcome.homeOfficeCode.flatMap(HomeOfficeOutcomeCode.lookup), disruptions: disruptions,
            moneyProtected: outcome.moneyProtected, assetsRestrained: outcome.assetsRestrained,
            moneyRepatriated: outcome.moneyRepatriated, note: outcome.partnerNote, tlp: tlp, issuedAt: now)
    }

    /// Same partner, referral, status and outcome → same id, so redelivery is idempotent,
    /// while the item sent when an embargo lifts gets a new id.
    private static func itemID(_ recipient: FeedbackRecipient, _ status: FeedbackStatus, _ outcome: Outcome) -> String {
        let parts = [recipient.partnerID, recipient.referralID, status.rawValue, outcome.kind.rawValue, Timestamp.format(outcome.recordedAt)]
        return Hex.encode(SHA256.hash(parts.joined(separator: "\u{1F}")))
    }
}
