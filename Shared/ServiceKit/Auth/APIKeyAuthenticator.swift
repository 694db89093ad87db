import Foundation
import Domain
import HTTP
import Postgres

/// Turns an `Authorization: Bearer occ_<id>_<secret>` header into a `Principal`. HTTP Basic with
/// the key as the password (any user name) is read the same way, for clients such as TAXII
/// libraries that speak only Basic (docs/taxii.md).
///
/// Every request looks its key up, so a revocation takes effect on the next request. The secret is
/// never logged; its hash is compared inside the database, which services cannot read hashes from.
public struct APIKeyAuthenticator: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The principal, or `AuthError.unauthenticated` for anything but a valid, unrevoked key.
    public func authenticate(authorization: String?) async throws -> Principal {
        guard let authorization, let key = Self.bearerKey(authorization) ?? Self.basicKey(authorization) else {
            throw AuthError.unauthenticated
        }
        guard let row = try await pool.query(APIKeyQueries.lookup.binding(key.id, key.secretHash)).single,
              !(try row.decode(Bool.self, "revoked")), try row.decode(Bool.self, "matches")
        else { throw AuthError.unauthenticated }
        let owner: Principal.Owner = if let partner = try row.decode(Int64?.self, "partner_id") {
            .partner(id: partner)
        } else if let agency = try row.decode(String?.self, "agency_code") {
            // The schema ties an officer's key to the officer's own agency.
            if let officer = try row.decode(Int64?.self, "officer_id") { .officer(id: officer, agency: agency) } else { .agency(code: agency) }
        } else {
            .exchange
        }
        let scopes = Set(try row.decode([String].self, "scopes").compactMap(Scope.init(rawValue:)))
        return Principal(keyID: key.id, owner: owner, scopes: scopes)
    }

    /// The key in a `Bearer` credential (scheme case-insensitive, RFC 9110 §11.1).
    static func bearerKey(_ header: String) -> APIKey? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return APIKey(token: parts[1].trimmingCharacters(in: .whitespaces))
    }

    /// The key in a `Basic` credential (RFC 7617): the password, whatever the user name.
    static func basicKey(_ header: String) -> APIKey? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic", parts[1].utf8.count <= 512,
              let data = Data(base64Encoded: parts[1].trimmingCharacters(in: .whitespaces)),
              let credentials = String(data: data, encoding: .utf8),
              let colon = credentials.firstIndex(of: ":")
        else { return nil }
        return APIKey(token: String(credentials[credentials.index(after: colon)...]))
    }
}
