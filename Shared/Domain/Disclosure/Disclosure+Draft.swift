import Crypto
import Foundation

extension Disclosure {
    /// An item being assembled for one recipient: what it will say and which referrals that reveals.
    struct Draft {
        let recipient: DisclosureRecipient
        var reasons: Set<DisclosureReason> = []
        var revealed: [DisclosureSource]
        var detail = false
        var disruptions: [FeedbackDisruption] = []
        var money: (protected: Money?, restrained: Money?, repatriated: Money?) = (nil, nil, nil)
        var note: String?
        var rationale: String?
        var names: [String] = []

        init(recipient: DisclosureRecipient) {
            self.recipient = recipient
            revealed = [recipient.referral]
        }

        mutating func addOutcome(_ disclosure: DisclosureCase, policy: ReleasePolicy) {
            let outcome = disclosure.outcome
            let originator = disclosure.actioned.partnerID == recipient.partnerID
            detail = true
            revealed.append(disclosure.actioned)
            if originator || policy.linkedPartnerMoney {
                money = (outcome.moneyProtected, outcome.assetsRestrained, outcome.moneyRepatriated)
            } else if outcome.moneyProtected != nil || outcome.assetsRestrained != nil || outcome.moneyRepatriated != nil {
                reasons.insert(.policyWithholdsMoney)
            }
            let mayEcho = recipient.referral.markings.tlp != .red
            for disruption in outcome.disruptions {
                let own = disruption.indicatorKey.map(recipient.referral.indicatorKeys.contains) ?? false
                if own || originator || policy.linkedPartnerDisruptionKinds {
                    disruptions.append(FeedbackDisruption(kind: disruption.kind, indicatorKey: own && mayEcho ? disruption.indicatorKey : nil))
                } else {
                    reasons.insert(.policyWithholdsDisruptions)
                }
            }
            // CoLP sends a decision not to investigate, with its reasons, to the referrer; the
            // exchange reads "referrer" as the actioned referral's own partner only.
            if let text = outcome.rationale {
                if originator { rationale = text } else { reasons.insert(.rationaleForReferrerOnly) }
            }
            switch disclosure.note {
            case .none: break
            case .held: reasons.insert(.noteHeld)
            case .refused: reasons.insert(.noteRefused)
            case .approved(let text): note = text
            }
        }

        mutating func addIdentities(_ disclosure: DisclosureCase, policy: ReleasePolicy) {
            let others = ([disclosure.actioned] + disclosure.linked).filter { $0.partnerID != recipient.partnerID }
            guard !others.isEmpty else { return }
            guard policy.partnerIdentities else {
                reasons.insert(.policyWithholdsIdentities)
                return
            }
            for source in others {
                if let refusal = Disclosure.refusal(of: source, to: recipient.partnerID) {
                    reasons.insert(refusal)
                } else {
                    names.append(source.partnerName)
                    revealed.append(source)
                }
            }
            names = Array(Set(names)).sorted()
        }

        func item(_ disclosure: DisclosureCase, now: Date) -> FeedbackItem {
            let outcome = disclosure.outcome
            let markings = revealed.map(\.markings)
            let tlp = max(markings.map(\.tlp).max() ?? .amber, .amber)
            let conditioned = markings.filter { $0.handlingCode == .conditions }
            let conditions = Set(conditioned.compactMap(\.handlingConditions)).sorted().joined(separator: "\n")
            let referral = recipient.referral
            let draft = FeedbackItem(
                id: "", partnerID: referral.partnerID, referralID: referral.referralID,
                status: detail ? .outcomeRecorded : .beingActioned,
                message: detail ? "Outcome recorded: \(outcome.kind.title)." : Disclosure.beingActionedMessage,
                outcome: detail ? outcome.kind : nil,
                homeOfficeCode: detail ? outcome.homeOfficeCode.flatMap(HomeOfficeOutcomeCode.lookup) : nil,
                disruptions: disruptions, moneyProtected: money.protected, assetsRestrained: money.restrained,
                moneyRepatriated: money.repatriated, note: note, rationale: rationale, corroboratedBy: names, tlp: tlp,
                handlingCode: conditioned.isEmpty ? .permitted : .conditions,
                handlingConditions: conditions.isEmpty ? nil : conditions, issuedAt: outcome.recordedAt)
            return draft.issued(id: Self.itemID(draft, disclosure), at: now)
        }

        /// Same recipient, referral, outcome and released content → same id, so redelivery is a
        /// no-op, while the item released when an embargo lifts or a note is approved is new.
        private static func itemID(_ draft: FeedbackItem, _ disclosure: DisclosureCase) -> String {
            let outcome = disclosure.outcome
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let content = (try? encoder.encode(draft)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let parts = [draft.partnerID, draft.referralID, String(disclosure.outcomeID), draft.status.rawValue, outcome.kind.rawValue,
                         Timestamp.format(outcome.recordedAt), content]
            return Hex.encode(SHA256.hash(parts.joined(separator: "\u{1F}")))
        }
    }
}
