/// Why the decision point redacted or withheld something; recorded in the audit log.
public enum DisclosureReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The recipient's referral is further from the actioned one than the policy's hop limit.
    case beyondHopLimit = "beyond_hop_limit"
    /// An outcome on some tasking of the network is under embargo.
    case networkEmbargo = "network_embargo"
    /// The outcome is "under investigation": nothing final to say.
    case inProgress = "in_progress"
    /// A source is TLP:RED and the recipient is not its named recipient (its own partner).
    case sourceRed = "source_tlp_red"
    /// A source is TLP:AMBER+STRICT: the recipient organisation only, not other partners.
    case sourceAmberStrict = "source_tlp_amber_strict"
    /// A source carries handling code C: no disclosure to other industry partners.
    case handlingConditions = "source_handling_code_c"
    case policyWithholdsMoney = "policy_withholds_money"
    case policyWithholdsDisruptions = "policy_withholds_disruptions"
    case policyWithholdsIdentities = "policy_withholds_identities"
    /// The officer's note awaits a second officer's approval.
    case noteHeld = "note_held"
    case noteRefused = "note_refused"
    /// A declined outcome's rationale goes to the actioned referral's own partner, not to others.
    case rationaleForReferrerOnly = "rationale_for_referrer_only"

    public static func < (lhs: DisclosureReason, rhs: DisclosureReason) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
