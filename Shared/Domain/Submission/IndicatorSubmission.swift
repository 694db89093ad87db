/// One indicator as sent. Most kinds use `value`; a UK bank account uses `sort_code` and
/// `account_number`; a wallet adds `chain`; a social account adds `platform`.
public struct IndicatorSubmission: Sendable, Hashable {
    public var kind: String?
    public var value: String?
    public var sortCode: String?
    public var accountNumber: String?
    public var chain: String?
    public var platform: String?
    /// Optional for file hashes: when given it must agree with the hex length.
    public var algorithm: String?
    /// Optional for phones, accounts and URLs: see `IndicatorRole`.
    public var role: String?

    public init(
        kind: String? = nil, value: String? = nil, sortCode: String? = nil, accountNumber: String? = nil,
        chain: String? = nil, platform: String? = nil, algorithm: String? = nil, role: String? = nil
    ) {
        self.kind = kind
        self.value = value
        self.sortCode = sortCode
        self.accountNumber = accountNumber
        self.chain = chain
        self.platform = platform
        self.algorithm = algorithm
        self.role = role
    }

    init(reader: JSONObjectReader, problems: inout [FieldError]) {
        reader.rejectUnknown(Set(Field.allCases.map(\.rawValue)), &problems)
        kind = reader.string(Field.kind.rawValue, &problems)
        value = reader.string(Field.value.rawValue, &problems)
        sortCode = reader.string(Field.sortCode.rawValue, &problems)
        accountNumber = reader.string(Field.accountNumber.rawValue, &problems)
        chain = reader.string(Field.chain.rawValue, &problems)
        platform = reader.string(Field.platform.rawValue, &problems)
        algorithm = reader.string(Field.algorithm.rawValue, &problems)
        role = reader.string(Field.role.rawValue, &problems)
    }

    /// The member names; also the `field` of an `IndicatorProblem`.
    public enum Field: String, Sendable, CaseIterable {
        case kind, value, chain, platform, algorithm, role
        case sortCode = "sort_code"
        case accountNumber = "account_number"
    }

    /// The members that are present, for limits and "not used by this kind" checks.
    var presentFields: [(Field, String)] {
        let all: [(Field, String?)] = [
            (.kind, kind), (.value, value), (.sortCode, sortCode), (.accountNumber, accountNumber),
            (.chain, chain), (.platform, platform), (.algorithm, algorithm), (.role, role),
        ]
        return all.compactMap { field, text in text.map { (field, $0) } }
    }

    var json: JSONValue {
        .object(compacting: presentFields.map { ($0.0.rawValue, JSONValue.string($0.1)) })
    }
}
