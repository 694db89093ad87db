/// The kinds of indicator a partner can refer; raw values are the wire codes.
public enum IndicatorKind: String, Sendable, Codable, CaseIterable, Comparable {
    case phone
    case smsSenderID = "sms_sender_id"
    case url
    case domain
    case email
    case ipv4
    case ipv6
    case ukBankAccount = "uk_bank_account"
    case iban
    case cryptoWallet = "crypto_wallet"
    case socialAccount = "social_account"
    case fileHash = "file_hash"

    public static func < (lhs: IndicatorKind, rhs: IndicatorKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
