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
        let seenAt = referral.referral.timeWindow?.lastSeen ?? referral.receivedAt
        // No statement needs an earlier one's answer: one round trip for all six.
        let results = try await connection.pipeline([
            IndicatorQueries.lockKeys.binding(keys),
            IndicatorQueries.insertSightings.binding(keys, referral.id, referral.partnerID, referral.sector.rawValue, seenAt),
            IndicatorQueries.upsertAggregates.binding(keys),
            IndicatorQueries.link.binding(referral.id, keys, Self.maxLinksPerKey),
            IndicatorQueries.corroboration.binding(keys),
            IndicatorQueries.linkedCount.binding(referral.id),
        ])
        let counts = results[4].single
        let linked = results[5].single
        return Correlation(
            corroboration: Corroboration(
                distinctPartners: try counts?.decode(Int.self, "partners") ?? 1, distinctSectors: try counts?.decode(Int.self, "sectors") ?? 1),
            linkedReferrals: try linked?.decode(Int.self, "linked") ?? 0)
    }
}
