import Domain
import Foundation
import Postgres

extension EnrichmentHandler {
    /// What correlation found for one referral.
    struct Correlation: Sendable {
        let corroboration: Corroboration
        /// Distinct other referrals sharing at least one key.
        let linkedReferrals: Int
    }

    /// Most other referrals one new referral is linked to per key (the most recent ones).
    static let maxLinksPerKey = 200

    /// Records the referral's sightings, refreshes the per-key aggregates, links it to the referrals
    /// sharing a key and reads corroboration from the aggregates (never every sighting of a hot key).
    func correlate(_ referral: StoredReferral, keys: [String], on connection: PostgresConnection) async throws -> Correlation {
        let keys = Array(Set(keys)).sorted()
        guard !keys.isEmpty else { return Correlation(corroboration: .uncorroborated, linkedReferrals: 0) }
        try await connection.query(IndicatorQueries.lockKeys.binding(keys))
        let seenAt = referral.referral.timeWindow?.lastSeen ?? referral.receivedAt
        try await connection.query(IndicatorQueries.insertSightings.binding(
            keys, referral.id, referral.partnerID, referral.sector.rawValue, seenAt))
        try await connection.query(IndicatorQueries.upsertAggregates.binding(keys))
        try await connection.query(IndicatorQueries.link.binding(referral.id, keys, Self.maxLinksPerKey))
        let counts = try await connection.query(IndicatorQueries.corroboration.binding(keys)).single
        let linked = try await connection.query(IndicatorQueries.linkedCount.binding(referral.id)).single
        return Correlation(
            corroboration: Corroboration(
                distinctPartners: try counts?.decode(Int.self, "partners") ?? 1, distinctSectors: try counts?.decode(Int.self, "sectors") ?? 1),
            linkedReferrals: try linked?.decode(Int.self, "linked") ?? 0)
    }
}
