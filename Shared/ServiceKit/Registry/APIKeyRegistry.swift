import Domain
import Foundation
import Postgres

/// Issues and revokes API keys. The token is returned once, at issue; only its hash is stored.
public struct APIKeyRegistry: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Why a key could not be issued or revoked.
    public enum RegistryError: Error, Equatable, CustomStringConvertible {
        case noScopes
        case unknownAgency(String)
        case unknownKey(String)
        case unknownOfficer(Int64)
        /// `agency:tasking` keys belong to a named officer, so every agency action names a person.
        case officerRequired
        case officerScopes

        public var description: String {
            switch self {
            case .noScopes: "a key needs at least one scope"
            case .unknownAgency(let code): "no agency with code \(code)"
            case .unknownKey(let id): "no active key with id \(id)"
            case .unknownOfficer(let id): "no active officer with id \(id)"
            case .officerRequired:
                "agency:tasking keys belong to an officer: add one with 'occ officers add' and issue with --officer ID"
            case .officerScopes: "an officer's keys may only have agency:tasking"
            }
        }
    }

    /// A new key for `owner` with `scopes`. The returned key's `token` must be shown to its holder now.
    public func issue(owner: Principal.Owner, scopes: Set<Scope>, actor: String = "operator") async throws -> APIKey {
        try await pool.transaction { try await issue(owner: owner, scopes: scopes, actor: actor, on: $0) }
    }

    /// A new key for officer `id` under their own agency (looked up, not trusted from the caller).
    public func issue(officer id: Int64, scopes: Set<Scope> = [.agencyTasking], actor: String = "operator") async throws -> (key: APIKey, owner: Principal.Owner) {
        try await pool.transaction { connection in
            guard let agency = try await connection.query(OfficerQueries.lockActive.binding(id)).single?.decode(String.self, "agency_code") else {
                throw RegistryError.unknownOfficer(id)
            }
            let owner = Principal.Owner.officer(id: id, agency: agency)
            return (try await issue(owner: owner, scopes: scopes, actor: actor, on: connection), owner)
        }
    }

    private func issue(owner: Principal.Owner, scopes: Set<Scope>, actor: String, on connection: PostgresConnection) async throws -> APIKey {
        guard !scopes.isEmpty else { throw RegistryError.noScopes }
        let (partner, agency, officer): (Int64?, String?, Int64?) = switch owner {
        case .partner(let id): (id, nil, nil)
        case .officer(let id, let agency): (nil, agency, id)
        case .agency(let code): (nil, code, nil)
        case .exchange: (nil, nil, nil)
        }
        if officer == nil, scopes.contains(.agencyTasking) { throw RegistryError.officerRequired }
        if officer != nil, scopes != [.agencyTasking] { throw RegistryError.officerScopes }
        if let agency, try await connection.query(PartnerQueries.agencyExists.binding(agency)).isEmpty {
            throw RegistryError.unknownAgency(agency)
        }
        // Locked until commit, so a concurrent revocation of the officer either sees this key or refuses it.
        if let officer, try await connection.query(OfficerQueries.lockActive.binding(officer)).single?.decode(String.self, "agency_code") != agency {
            throw RegistryError.unknownOfficer(officer)
        }
        let key = Self.generate()
        let scopeList = scopes.map(\.rawValue).sorted()
        try await connection.query(APIKeyQueries.insert.binding(key.id, partner, agency, officer, scopeList, key.secretHash))
        try await AuditLog.append(AuditEvent(
            actor: actor, action: "api_key.issued", subjectType: "api_key", subjectID: key.id,
            detail: ["owner": Principal(keyID: key.id, owner: owner, scopes: scopes).auditActor,
                     "scopes": scopeList.joined(separator: " ")]), on: connection)
        return key
    }

    /// Revokes an active key; its next request is refused.
    public func revoke(id: String, actor: String = "operator") async throws {
        try await pool.transaction { connection in
            guard try await connection.query(APIKeyQueries.revoke.binding(id)).affectedRows == 1 else {
                throw RegistryError.unknownKey(id)
            }
            try await AuditLog.append(AuditEvent(
                actor: actor, action: "api_key.revoked", subjectType: "api_key", subjectID: id), on: connection)
        }
    }

    /// A key with a random 8-character id and 32 random bytes of secret (256 bits).
    static func generate() -> APIKey {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let id = String((0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        // Both inputs satisfy APIKey's rules by construction.
        return APIKey(id: id, secretBytes: secret)!
    }
}
