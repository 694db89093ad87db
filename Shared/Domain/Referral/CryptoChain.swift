/// Blockchains whose wallet addresses can be referred, and how far each is checked.
public enum CryptoChain: String, Sendable, Codable, CaseIterable {
    case bitcoin
    case litecoin
    case dogecoin
    case tron
    case ethereum
    case bnbSmartChain = "bnb_smart_chain"
    case polygon
    case ripple
    case solana
    case monero
    case bitcoinCash = "bitcoin_cash"
    case other

    /// Chains that share Ethereum's address format and EIP-55 checksum.
    public var isEVM: Bool {
        switch self {
        case .ethereum, .bnbSmartChain, .polygon: true
        default: false
        }
    }
}
