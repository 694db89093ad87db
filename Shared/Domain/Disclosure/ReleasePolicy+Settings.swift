import Foundation

/// The policy as rows of `disclosure_policy`: one named setting per row, a value as text.
extension ReleasePolicy {
    public enum Setting: String, Sendable, CaseIterable {
        case recipientHopLimit = "recipient_hop_limit"
        case linkedPartnerMoney = "linked_partner_money"
        case linkedPartnerDisruptionKinds = "linked_partner_disruption_kinds"
        case partnerIdentities = "partner_identities"

        public var summary: String {
            switch self {
            case .recipientHopLimit: "partners whose referral is at most this many shared-indicator links from the actioned one are told (1 to 3)"
            case .linkedPartnerMoney: "money figures to partners other than the actioned referral's (allow | withhold)"
            case .linkedPartnerDisruptionKinds: "kinds of disruption on indicators the recipient did not refer (allow | withhold)"
            case .partnerIdentities: "names of other linked partners, where their markings allow (allow | withhold)"
            }
        }
    }

    /// Why a setting's value was refused.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The canonical text of `value` for `setting`, or why it is refused.
    public static func validate(_ setting: Setting, _ value: String) -> Result<String, Invalid> {
        let text = value.trimmingCharacters(in: .whitespaces).lowercased()
        switch setting {
        case .recipientHopLimit:
            guard let hops = Int(text), hopLimits.contains(hops) else {
                return .failure(Invalid(description: "\(setting.rawValue) must be a whole number from \(hopLimits.lowerBound) to \(hopLimits.upperBound)"))
            }
            return .success(String(hops))
        case .linkedPartnerMoney, .linkedPartnerDisruptionKinds, .partnerIdentities:
            guard text == "allow" || text == "withhold" else {
                return .failure(Invalid(description: "\(setting.rawValue) must be allow or withhold"))
            }
            return .success(text)
        }
    }

    /// The policy from stored rows; a missing or invalid row keeps the stricter of its default
    /// and "withhold", so a damaged table never widens disclosure.
    public init(settings: [String: String]) {
        var policy = ReleasePolicy.defaults
        func allowed(_ setting: Setting) -> Bool {
            settings[setting.rawValue].flatMap { try? Self.validate(setting, $0).get() } == "allow"
        }
        if let text = settings[Setting.recipientHopLimit.rawValue], let hops = try? Self.validate(.recipientHopLimit, text).get() {
            policy.recipientHopLimit = Int(hops) ?? 1
        }
        policy.linkedPartnerMoney = allowed(.linkedPartnerMoney)
        policy.linkedPartnerDisruptionKinds = allowed(.linkedPartnerDisruptionKinds)
        policy.partnerIdentities = allowed(.partnerIdentities)
        self = policy
    }

    /// The policy as stored text, setting by setting.
    public var settings: [Setting: String] {
        [
            .recipientHopLimit: String(recipientHopLimit),
            .linkedPartnerMoney: linkedPartnerMoney ? "allow" : "withhold",
            .linkedPartnerDisruptionKinds: linkedPartnerDisruptionKinds ? "allow" : "withhold",
            .partnerIdentities: partnerIdentities ? "allow" : "withhold",
        ]
    }
}
