/// Disruptions industry can perform on request, each by the sector that controls the enabler.
public enum DisruptionKind: String, Sendable, Codable, CaseIterable {
    case blockNumber = "block_number"
    case doNotOriginate = "do_not_originate"
    case disconnectSIM = "disconnect_sim"
    case blockSenderID = "block_sender_id"
    case suspendDomain = "suspend_domain"
    case takeDownWebsite = "take_down_website"
    case suspendAccount = "suspend_account"
    case removeAdvert = "remove_advert"
    case freezeAccount = "freeze_account"
    case closeAccount = "close_account"
    case flagWallet = "flag_wallet"

    /// The sector asked to carry it out.
    public var actingSector: Sector {
        switch self {
        case .blockNumber, .doNotOriginate, .disconnectSIM, .blockSenderID: .telco
        case .suspendDomain, .takeDownWebsite, .suspendAccount, .removeAdvert: .tech
        case .freezeAccount, .closeAccount, .flagWallet: .finance
        }
    }

    /// Disruptions that act on an indicator of this kind, most usual first; tasking offers
    /// these when raising disruption requests.
    public static func suggestions(for kind: IndicatorKind) -> [DisruptionKind] {
        switch kind {
        case .phone: [.blockNumber, .doNotOriginate, .disconnectSIM]
        case .smsSenderID: [.blockSenderID]
        case .url: [.takeDownWebsite, .suspendDomain]
        case .domain: [.suspendDomain, .takeDownWebsite]
        case .email, .socialAccount: [.suspendAccount]
        case .ukBankAccount, .iban: [.freezeAccount, .closeAccount]
        case .cryptoWallet: [.flagWallet]
        case .ipv4, .ipv6, .fileHash: []
        }
    }
}
