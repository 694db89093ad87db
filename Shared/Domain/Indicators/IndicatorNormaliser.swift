/// Turns submitted indicators into canonical form, or says precisely what is wrong.
/// Pure: the Public Suffix List is passed in as a value (the service reads the file).
public struct IndicatorNormaliser: Sendable {
    /// Without a list, domains are still checked and canonicalised but get no registrable domain.
    public let publicSuffixes: PublicSuffixList?

    public init(publicSuffixes: PublicSuffixList? = nil) {
        self.publicSuffixes = publicSuffixes
    }

    public func normalise(_ submission: IndicatorSubmission) -> Result<CanonicalIndicator, IndicatorFailure> {
        guard let kindText = submission.kind else {
            return .failure(IndicatorFailure([IndicatorProblem(.kind, "required")]))
        }
        guard let kind = IndicatorKind(rawValue: kindText) else {
            let known = IndicatorKind.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(IndicatorFailure([IndicatorProblem(.kind, "unknown indicator kind \(kindText.quoted); expected one of \(known)")]))
        }
        let unused = submission.presentFields.map(\.0).filter { $0 != .kind && !Self.fields(for: kind).contains($0) }
        guard unused.isEmpty else {
            return .failure(IndicatorFailure(unused.map { IndicatorProblem($0, "not used for kind \(kind.rawValue)") }))
        }
        var role: IndicatorRole?
        if let text = submission.role {
            let allowed = IndicatorRole.allCases.filter { $0.kinds.contains(kind) }.map(\.rawValue)
            guard let parsed = IndicatorRole(rawValue: text), parsed.kinds.contains(kind) else {
                return .failure(IndicatorFailure([IndicatorProblem(.role, "unknown role \(text.quoted) for kind \(kind.rawValue); expected one of \(allowed.joined(separator: ", "))")]))
            }
            role = parsed
        }
        return Result { () throws(IndicatorFailure) in try normalise(kind: kind, submission).with(role: role) }
    }

    private func normalise(kind: IndicatorKind, _ submission: IndicatorSubmission) throws(IndicatorFailure) -> CanonicalIndicator {
        if kind == .ukBankAccount {
            return try ukBankAccount(sortCode: submission.sortCode, accountNumber: submission.accountNumber)
        }
        guard let value = submission.value else { throw .value("required") }
        switch kind {
        case .phone: return try phone(value)
        case .smsSenderID: return try smsSenderID(value)
        case .url: return try url(value)
        case .domain: return try domain(value)
        case .email: return try email(value)
        case .ipv4: return try ipv4(value)
        case .ipv6: return try ipv6(value)
        case .iban: return try iban(value)
        case .cryptoWallet: return try cryptoWallet(value, chain: submission.chain)
        case .socialAccount: return try socialAccount(value, platform: submission.platform)
        case .fileHash: return try fileHash(value, algorithm: submission.algorithm)
        case .ukBankAccount: preconditionFailure("handled above")
        }
    }

    /// The members each kind reads besides `kind`.
    static func fields(for kind: IndicatorKind) -> Set<IndicatorSubmission.Field> {
        switch kind {
        case .ukBankAccount: [.sortCode, .accountNumber, .role]
        case .cryptoWallet: [.value, .chain]
        case .socialAccount: [.value, .platform]
        case .fileHash: [.value, .algorithm]
        case .phone, .iban, .url: [.value, .role]
        default: [.value]
        }
    }
}
