import Domain
import Foundation
import Postgres
import ServiceKit
import Synchronization

/// Whether a partner may invoke the gateway its referral cites, from the registry and the
/// partner's agreements as stored. Both are read at request time, kept at most `ttl` (so an
/// operator's edit applies within `ttl` without a restart; zero reads on every request).
final class GatewayCheck: Sendable {
    private let pool: PostgresPool
    private let ttl: Duration
    private let clock = ContinuousClock()
    private let cache = Mutex(Cache())

    private struct Cache {
        var registry: (read: ContinuousClock.Instant, gateways: [GatewayCode: LawfulGateway])?
        var standings: [Int64: (read: ContinuousClock.Instant, standing: PartnerStanding)] = [:]
    }

    /// Far more partners than any deployment has; past it the standings start over rather than grow.
    private static let maxStandings = 10_000

    init(pool: PostgresPool, ttl: Duration) {
        self.pool = pool
        self.ttl = ttl
    }

    /// Nil when the partner may invoke `code`; otherwise why not.
    func refusal(invoking code: GatewayCode, partnerID: Int64) async throws -> GatewayRefusal? {
        let registry = try await self.registry()
        let standing = try await self.standing(partnerID)
        return GatewayPermission.refusal(invoking: code, registry: registry, partner: standing, now: Date())
    }

    /// The refusal as the 422 intake answers: a validation problem at `gateway`, nothing stored.
    func check(_ referral: IncomingReferral) async throws {
        guard let refusal = try await refusal(invoking: referral.valid.gateway, partnerID: referral.partnerID) else { return }
        throw IntakeError.invalid(Self.failure(refusal))
    }

    static func failure(_ refusal: GatewayRefusal) -> ValidationFailure {
        ValidationFailure([FieldError(.root.appending("gateway"), refusal.description)])
    }

    private func registry() async throws -> [GatewayCode: LawfulGateway] {
        let now = clock.now
        if let cached = cache.withLock({ $0.registry }), now - cached.read < ttl { return cached.gateways }
        let rows = try await pool.query(LawfulGateway.registryQuery).map(LawfulGateway.init(row:))
        let gateways = Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        cache.withLock { $0.registry = (now, gateways) }
        return gateways
    }

    private func standing(_ partnerID: Int64) async throws -> PartnerStanding {
        let now = clock.now
        if let cached = cache.withLock({ $0.standings[partnerID] }), now - cached.read < ttl { return cached.standing }
        let standing = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            guard let row = try await connection.query(StandingQueries.standing.binding(partnerID)).single,
                  let sector = Sector(rawValue: try row.decode(String.self, "sector"))
            else { throw PostgresError(.decoding, queryName: "intake_partner_standing", reason: "no partner \(partnerID)") }
            return PartnerStanding(
                sector: sector, regulatedSector: try row.decode(Bool.self, "regulated_sector"),
                publicAuthority: try row.decode(Bool.self, "public_authority"),
                agreedGateways: Set(try row.decode([String].self, "gateways").map(GatewayCode.init(rawValue:))))
        }
        cache.withLock { cache in
            if cache.standings.count >= Self.maxStandings { cache.standings.removeAll() }
            cache.standings[partnerID] = (now, standing)
        }
        return standing
    }
}
