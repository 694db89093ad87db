/// Why a login could not be created, listed or revoked; each says what to do instead.
public enum LoginError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case exists(String)
    case shortPassword
    case bindingNotAllowed(ServiceLogin, LoginBinding)
    case unknownAgency(String)
    case unknownPartner(Int64)
    case unknownLogin(String)
    case notAServiceLogin(String)
    case notMigrated
    case unexpectedVerifier

    public var description: String {
        switch self {
        case .invalidName(let name):
            "\(name.debugDescription) is not a usable login name: lower-case letters, digits and '_', at most 63, not starting with pg_ nor a group role's name"
        case .exists(let name):
            "a role named \(name) already exists on this server; choose another name (or revoke and drop the old one first)"
        case .shortPassword:
            "the password must be at least 12 characters"
        case .bindingNotAllowed(let service, let binding):
            "a \(service.rawValue) login cannot be bound to \(binding): only intake may serve one partner and tasking-api one agency; every other service is the exchange's (multi-tenant)"
        case .unknownAgency(let code):
            "no agency with code \(code) (see occ agencies list)"
        case .unknownPartner(let id):
            "no partner with id \(id) (see occ partners list)"
        case .unknownLogin(let name):
            "no login named \(name) on this server or in this database's bindings"
        case .notAServiceLogin(let name):
            "\(name) is not a login of the exchange (a superuser, or in none of its groups nor bindings); it was left alone"
        case .notMigrated:
            "this database has no occ_login_bindings table: run occ migrate first"
        case .unexpectedVerifier:
            "libpq returned a password verifier in an unexpected format; nothing was created"
        }
    }
}
