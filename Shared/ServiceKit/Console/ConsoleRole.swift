/// Who a console session speaks for, decided once at sign-in from the key's owner and scopes.
///
/// - `officer`: a named officer's `agency:tasking` key; sees every page, and referral journeys
///   with a stated purpose.
/// - `oversight`: an exchange `oversight` key; sees aggregates only, small counts suppressed.
/// - `partner`: a partner's `partner:feedback` key; sees its own scorecard only.
public enum ConsoleRole: String, Sendable, CaseIterable {
    case officer, oversight, partner

    /// The role `principal` signs in as; nil for a key the console does not admit.
    public init?(principal: Principal) {
        switch principal.owner {
        case .officer where principal.scopes.contains(.agencyTasking): self = .officer
        case .exchange where principal.scopes.contains(.oversight): self = .oversight
        case .partner where principal.scopes.contains(.partnerFeedback): self = .partner
        default: return nil
        }
    }
}
