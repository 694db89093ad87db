/// Disruptions industry can perform on request, each by the sector that controls the enabler.
/// The kinds an officer can ask a partner for are rows of `request_kinds` (`RequestKind`), each
/// named by one of these codes.
public enum DisruptionKind: String, Sendable, Codable, CaseIterable {
    case blockNumber = "block_number"
    case doNotOriginate = "do_not_originate"
    case disconnectSIM = "disconnect_sim"
    case disconnectNumber = "disconnect_number"
    case blockSenderID = "block_sender_id"
    case suspendDomain = "suspend_domain"
    case takeDownDomain = "take_down_domain"
    case takeDownWebsite = "take_down_website"
    case suspendAccount = "suspend_account"
    case removeAdvert = "remove_advert"
    case removeContent = "remove_content"
    case freezeAccount = "freeze_account"
    case closeAccount = "close_account"
    case repatriateFunds = "repatriate_funds"
    case flagWallet = "flag_wallet"

    /// The sector asked to carry it out.
    public var actingSector: Sector {
        switch self {
        case .blockNumber, .doNotOriginate, .disconnectSIM, .disconnectNumber, .blockSenderID: .telco
        case .suspendDomain, .takeDownDomain, .takeDownWebsite, .suspendAccount, .removeAdvert, .removeContent: .tech
        case .freezeAccount, .closeAccount, .repatriateFunds, .flagWallet: .finance
        }
    }

    /// Disruptions that act on an indicator of this kind, most usual first; tasking offers
    /// these when raising disruption requests.
    public static func suggestions(for kind: IndicatorKind) -> [DisruptionKind] {
        switch kind {
        case .phone: [.blockNumber, .doNotOriginate, .disconnectSIM, .disconnectNumber]
        case .smsSenderID: [.blockSenderID]
        case .url: [.takeDownWebsite, .suspendDomain, .takeDownDomain, .removeContent]
        case .domain: [.suspendDomain, .takeDownWebsite, .takeDownDomain]
        case .email: [.suspendAccount]
        case .socialAccount: [.suspendAccount, .removeContent]
        case .ukBankAccount, .iban: [.freezeAccount, .closeAccount, .repatriateFunds]
        case .cryptoWallet: [.flagWallet]
        case .ipv4, .ipv6, .fileHash: []
        }
    }
}
