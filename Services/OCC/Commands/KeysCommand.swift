import Foundation
import ServiceKit

/// `occ keys issue --partner ID|--officer ID|--exchange --scopes a,b`.
enum KeysIssueCommand: Command {
    static let path = ["keys", "issue"]
    static let summary = "issue an API key (printed once; only its hash is stored)"
    static let help = """
        usage: occ keys issue (--partner ID | --officer ID | --exchange) [--scopes SCOPE[,SCOPE…]]

        Issues a bearer key 'occ_<id>_<secret>' and prints it once: store it now, it cannot be
        shown again (only a SHA-256 hash of the secret is kept). Scopes:
          partner:submit, partner:feedback,  partner keys (--partner)
          partner:webhooks
          agency:tasking                     officer keys (--officer, see 'occ officers list'); the default
          oversight, admin                   exchange keys (--exchange)
        Agency work is done by named officers with their own keys, under their agency: there are
        no agency keys without an officer. Revoking the officer revokes their keys.
        """
    static let valuedOptions: Set<String> = ["partner", "officer", "agency", "scopes"]

    static func run(_ arguments: Arguments) async throws {
        let owner = try owner(arguments)
        let scopes = try scopes(arguments.string("scopes") ?? (owner == nil ? Scope.agencyTasking.rawValue : ""), for: owner)
        let (key, issuedTo) = try await Database.withOperatorPool { pool in
            let registry = APIKeyRegistry(pool: pool)
            do {
                guard let owner else { return try await registry.issue(officer: try officer(arguments), scopes: scopes) }
                return (try await registry.issue(owner: owner, scopes: scopes), owner)
            } catch let error as APIKeyRegistry.RegistryError {
                throw UsageError(error.description)
            }
        }
        let holder = Principal(keyID: key.id, owner: issuedTo, scopes: scopes).auditActor
        progressLine("key \(key.id) issued to \(holder) with \(scopes.map(\.rawValue).sorted().joined(separator: ",")); it is shown only now")
        print(key.token)
    }

    /// The owner named on the command line; nil for an officer, whose agency the registry looks up.
    private static func owner(_ arguments: Arguments) throws(UsageError) -> Principal.Owner? {
        if arguments.string("agency") != nil {
            throw UsageError("agency keys belong to an officer: give --officer ID (see 'occ officers list'), not --agency")
        }
        switch (arguments.string("partner"), arguments.string("officer"), arguments.flag("exchange")) {
        case (let partner?, nil, false):
            guard let id = Int64(partner), id > 0 else { throw UsageError("--partner must be a partner id") }
            return .partner(id: id)
        case (nil, .some, false):
            _ = try officer(arguments)
            return nil
        case (nil, nil, true):
            return .exchange
        default:
            throw UsageError("give exactly one of --partner, --officer or --exchange")
        }
    }

    private static func officer(_ arguments: Arguments) throws(UsageError) -> Int64 {
        guard let text = arguments.string("officer"), let id = Int64(text), id > 0 else { throw UsageError("--officer must be an officer id") }
        return id
    }

    /// Scopes must suit the owner (nil: an officer), so a key can never act for someone it does not belong to.
    private static func scopes(_ text: String, for owner: Principal.Owner?) throws(UsageError) -> Set<Scope> {
        var scopes: Set<Scope> = []
        for word in text.split(separator: ",") {
            guard let scope = Scope(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                throw UsageError("unknown scope '\(word)'; expected \(Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw UsageError("--scopes needs at least one scope") }
        let allowed: Set<Scope> = switch owner {
        case .partner: [.partnerSubmit, .partnerFeedback, .partnerWebhooks]
        case nil, .officer, .agency: [.agencyTasking]
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
