/// What a database login speaks for, as `occ_login_bindings` records it: the policies derive the
/// organisation from the login (`session_user`), never from a setting the login can change.
public enum LoginBinding: Sendable, Hashable, CustomStringConvertible {
    /// A multi-tenant login of the exchange itself (central intake, enrichment, the tasking
    /// worker, feedback, the operator): it scopes each transaction with `occ.partner_id` /
    /// `occ.agency_code`, which the policies honour for exchange logins only.
    case exchange
    /// One agency's own login (e.g. its tasking API): sees only that agency's rows.
    case agency(code: String)
    /// One partner's own login (e.g. a partner-run intake): sees only that partner's rows.
    case partner(id: Int64)

    /// The `kind` column's value.
    public var kind: String {
        switch self {
        case .exchange: "exchange"
        case .agency: "agency"
        case .partner: "partner"
        }
    }

    /// The `agency_code` column's value.
    var agencyCode: String? {
        if case .agency(let code) = self { code } else { nil }
    }

    /// The `partner_id` column's value.
    var partnerID: Int64? {
        if case .partner(let id) = self { id } else { nil }
    }

    public var description: String {
        switch self {
        case .exchange: "exchange"
        case .agency(let code): "agency \(code)"
        case .partner(let id): "partner \(id)"
        }
    }
}
