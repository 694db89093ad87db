import Foundation
import ServiceKit

/// `occ keys issue --partner ID|--agency CODE --scopes a,b`.
enum KeysIssueCommand: Command {
    static let path = ["keys", "issue"]
    static let summary = "issue an API key (printed once; only its hash is stored)"
    static let help = """
        usage: occ keys issue (--partner ID | --agency CODE | --exchange) --scopes SCOPE[,SCOPE…]

        Issues a bearer key 'occ_<id>_<secret>' and prints it once: store it now, it cannot be
        shown again (only a SHA-256 hash of the secret is kept). Scopes:
          partner:submit, partner:feedback   partner keys (--partner)
          agency:tasking                     agency keys (--agency, see 'occ agencies list')
          oversight, admin                   exchange keys (--exchange)
        """
    static let valuedOptions: Set<String> = ["partner", "agency", "scopes"]

    static func run(_ arguments: Arguments) async throws {
        let owner = try owner(arguments)
        let scopes = try scopes(try arguments.require("scopes"), for: owner)
        let key = try await Database.withOperatorPool { try await APIKeyRegistry(pool: $0).issue(owner: owner, scopes: scopes) }
        progressLine("key \(key.id) issued with \(scopes.map(\.rawValue).sorted().joined(separator: ",")); it is shown only now")
        print(key.token)
    }

    private static func owner(_ arguments: Arguments) throws(UsageError) -> Principal.Owner {
        switch (arguments.string("partner"), arguments.string("agency"), arguments.flag("exchange")) {
        case (let partner?, nil, false):
            guard let id = Int64(partner), id > 0 else { throw UsageError("--partner must be a partner id") }
            return .partner(id: id)
        case (nil, let agency?, false):
            return .agency(code: agency)
        case (nil, nil, true):
            return .exchange
        default:
            throw UsageError("give exactly one of --partner, --agency or --exchange")
        }
    }

    /// Scopes must suit the owner, so a key can never act for someone it does not belong to.
    private static func scopes(_ text: String, for owner: Principal.Owner) throws(UsageError) -> Set<Scope> {
        var scopes: Set<Scope> = []
        for word in text.split(separator: ",") {
            guard let scope = Scope(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                throw UsageError("unknown scope '\(word)'; expected \(Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw UsageError("--scopes needs at least one scope") }
        let allowed: Set<Scope> = switch owner {
        case .partner: [.partnerSubmit, .partnerFeedback]
        case .agency: [.agencyTasking]
        case .exchange: [.oversight, .admin]
        }
        guard scopes.isSubset(of: allowed) else {
            throw UsageError("this owner's keys may only have \(allowed.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        return scopes
    }
}

/// `occ keys revoke --id ID`.
enum KeysRevokeCommand: Command {
    static let path = ["keys", "revoke"]
    static let summary = "revoke an API key; its next request is refused"
    static let help = """
        usage: occ keys revoke --id KEY_ID

        KEY_ID is the part between 'occ_' and the second '_' of the key. The change is audited.
        """
    static let valuedOptions: Set<String> = ["id"]

    static func run(_ arguments: Arguments) async throws {
        let id = try arguments.require("id")
        do {
            try await Database.withOperatorPool { try await APIKeyRegistry(pool: $0).revoke(id: id) }
        } catch let error as APIKeyRegistry.RegistryError {
            throw UsageError(error.description)
        }
        print("key \(id) revoked")
    }
}
