/// How STIX observable properties (in patterns and in SCOs) become indicator fields.
/// Core SCOs cover network, e-mail, account and file indicators; the `x-occ-*` types are the
/// exchange's documented extension (docs/stix-extension.md) for what STIX lacks.
enum STIXObservables {
    struct Target: Equatable {
        let kind: IndicatorKind
        let field: IndicatorSubmission.Field
    }

    static let properties: [String: Target] = [
        "url:value": Target(kind: .url, field: .value),
        "domain-name:value": Target(kind: .domain, field: .value),
        "ipv4-addr:value": Target(kind: .ipv4, field: .value),
        "ipv6-addr:value": Target(kind: .ipv6, field: .value),
        "email-addr:value": Target(kind: .email, field: .value),
        "user-account:account_type": Target(kind: .socialAccount, field: .platform),
        "user-account:account_login": Target(kind: .socialAccount, field: .value),
        "user-account:user_id": Target(kind: .socialAccount, field: .value),
        "x-occ-phone-number:value": Target(kind: .phone, field: .value),
        "x-occ-sms-sender-id:value": Target(kind: .smsSenderID, field: .value),
        "x-occ-bank-account:iban": Target(kind: .iban, field: .value),
        "x-occ-bank-account:sort_code": Target(kind: .ukBankAccount, field: .sortCode),
        "x-occ-bank-account:account_number": Target(kind: .ukBankAccount, field: .accountNumber),
        "x-occ-crypto-wallet:chain": Target(kind: .cryptoWallet, field: .chain),
        "x-occ-crypto-wallet:address": Target(kind: .cryptoWallet, field: .value),
    ]

    /// STIX hash-algorithm-ov names accepted for `file:hashes`, with our algorithm code.
    static let hashAlgorithms: [(stix: String, code: String)] = [("SHA-256", "sha256"), ("SHA-1", "sha1"), ("MD5", "md5")]

    /// SCO types mapped to indicators; others in a bundle are ignored (identity, malware…).
    static let scoTypes: Set<String> = [
        "url", "domain-name", "ipv4-addr", "ipv6-addr", "email-addr", "user-account", "file",
        "x-occ-phone-number", "x-occ-sms-sender-id", "x-occ-bank-account", "x-occ-crypto-wallet",
    ]

    /// One AND-ed group of pattern comparisons → one indicator.
    static func indicator(from group: [STIXPattern.Comparison]) -> Result<IndicatorSubmission, STIXPatternError> {
        var kind: IndicatorKind?
        var submission = IndicatorSubmission()
        for comparison in group {
            let name = "\(comparison.objectType):\(comparison.property.joined(separator: "."))"
            let target: Target
            if comparison.objectType == "file", comparison.property.count == 2, comparison.property[0] == "hashes",
               let algorithm = hashAlgorithms.first(where: { $0.stix == comparison.property[1] }) {
                target = Target(kind: .fileHash, field: .value)
                submission.algorithm = algorithm.code
            } else if let known = properties[name] {
                target = known
            } else {
                return .failure(STIXPatternError(message: "unsupported pattern: \(name.quoted) cannot be mapped to an indicator"))
            }
            guard kind == nil || kind == target.kind else {
                return .failure(STIXPatternError(message: "unsupported pattern: AND joins properties of different observables"))
            }
            kind = target.kind
            guard submission.set(target.field, to: comparison.value) else {
                return .failure(STIXPatternError(message: "unsupported pattern: \(name.quoted) is compared more than once"))
            }
        }
        submission.kind = kind?.rawValue
        return .success(submission)
    }
}

extension IndicatorSubmission {
    /// Sets a field once; false if it was already set.
    mutating func set(_ field: Field, to text: String) -> Bool {
        let path: WritableKeyPath<IndicatorSubmission, String?> = switch field {
        case .kind: \.kind
        case .value: \.value
        case .sortCode: \.sortCode
        case .accountNumber: \.accountNumber
        case .chain: \.chain
        case .platform: \.platform
        case .algorithm: \.algorithm
        case .role: \.role
        }
        guard self[keyPath: path] == nil else { return false }
        self[keyPath: path] = text
        return true
    }
}
