/// Who a request was authenticated as: the key, its owner and its scopes.
public struct Principal: Sendable, Hashable {
    /// Whom a key speaks for.
    public enum Owner: Sendable, Hashable {
        case partner(id: Int64)
        case agency(code: String)
        /// Oversight and admin keys belong to no partner or agency.
        case exchange
    }

    public let keyID: String
    public let owner: Owner
    public let scopes: Set<Scope>

    public init(keyID: String, owner: Owner, scopes: Set<Scope>) {
        self.keyID = keyID
        self.owner = owner
        self.scopes = scopes
    }

    /// The partner id for partner keys.
    public var partnerID: Int64? {
        if case .partner(let id) = owner { id } else { nil }
    }

    /// The agency code for agency keys.
    public var agencyCode: String? {
        if case .agency(let code) = owner { code } else { nil }
    }

    /// How the audit log names this caller: `partner:12`, `agency:NCA_TICAT`, `key:abcd1234`.
    public var auditActor: String {
        switch owner {
        case .partner(let id): "partner:\(id)"
        case .agency(let code): "agency:\(code)"
        case .exchange: "key:\(keyID)"
        }
    }
}
