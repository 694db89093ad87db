/// What part an indicator played, where that decides whether sharing it means a connection: a
/// spoofed caller ID is usually an innocent (often a bank's) number, a victim's account is the
/// victim's, and a redirector (shortener, open redirect) fronts unrelated campaigns. Indicators
/// in those roles are recorded and shown but link no referrals; without a role an indicator links.
public enum IndicatorRole: String, Sendable, Codable, CaseIterable {
    case callingNumber = "calling_number"
    case spoofedCallerID = "spoofed_caller_id"
    case beneficiaryAccount = "beneficiary_account"
    case victimAccount = "victim_account"
    case landingPage = "landing_page"
    case redirector

    /// The kinds the role may be given for.
    public var kinds: Set<IndicatorKind> {
        switch self {
        case .callingNumber, .spoofedCallerID: [.phone]
        case .beneficiaryAccount, .victimAccount: [.ukBankAccount, .iban]
        case .landingPage, .redirector: [.url]
        }
    }

    /// Whether a value in this role links referrals that share it.
    public var links: Bool {
        switch self {
        case .callingNumber, .beneficiaryAccount, .landingPage: true
        case .spoofedCallerID, .victimAccount, .redirector: false
        }
    }
}
