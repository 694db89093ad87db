/// Who a request was authenticated as: the key, its owner and its scopes.
public struct Principal: Sendable, Hashable {
    /// Whom a key speaks for.
    public enum Owner: Sendable, Hashable {
        case partner(id: Int64)
        /// A named officer acting under their agency: the only owner agency actions accept.
        case officer(id: Int64, agency: String)
        /// An agency key naming no officer: only keys issued before officers existed; the agency
        /// API refuses them.
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

    /// The agency code for officer and agency keys.
    public var agencyCode: String? {
        switch owner {
        case .officer(_, let agency): agency
        case .agency(let code): code
        case .partner, .exchange: nil
        }
    }

    /// The officer id for officer keys.
    public var officerID: Int64? {
        if case .officer(let id, _) = owner { id } else { nil }
    }

    /// How the audit log names this caller: `partner:12`, `officer:42@NCA_TICAT`,
    /// `agency:NCA_TICAT`, `key:abcd1234`.
    public var auditActor: String {
        switch owner {
        case .partner(let id): "partner:\(id)"
        case .officer(let id, let agency): "officer:\(id)@\(agency)"
        case .agency(let code): "agency:\(code)"
        case .exchange: "key:\(keyID)"
        }
    }
}
