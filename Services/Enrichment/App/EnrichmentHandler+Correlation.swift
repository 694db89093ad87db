import Domain
import Foundation
import Postgres

extension EnrichmentHandler {
    /// What correlation found for one referral.
    struct Correlation: Sendable {
        let plan: CorrelationPlan
        let network: NetworkJoin
        /// Distinct other referrals sharing at least one linking key.
        let linkedReferrals: Int

        /// A referral is corroborated by every partner and sector of its network.
        var corroboration: Corroboration {
            Corroboration(distinctPartners: network.partners, distinctSectors: network.sectors)
        }

        /// What the referral's enrichment shows beside its score.
        var summary: ReferralEnrichment {
            ReferralEnrichment(
                networkID: network.id, derivedIndicators: plan.derived, warninglisted: plan.warninglisted, unlinkedByRole: plan.unlinkedByRole)
        }
    }

    /// The network a referral joined (`occ_network_join`).
    struct NetworkJoin: Sendable {
        let id: Int64
        let version: Int
        /// A merge or a new partner or sector changed what the other members are scored and routed on.
        let reevaluate: Bool
        let partners: Int
        let sectors: Int
        let referrals: Int

        init(row: PostgresRow) throws {
            id = try row.decode(Int64.self, "joined_network")
            version = try row.decode(Int.self, "network_version")
            reevaluate = try row.decode(Bool.self, "reevaluate")
            partners = try row.decode(Int.self, "partners")
            sectors = try row.decode(Int.self, "sectors")
            referrals = try row.decode(Int.self, "referrals")
        }
    }

    /// Most other referrals one new referral is linked to per key (the most recent ones).
    static let maxLinksPerKey = 200

    /// Which of each referral's keys link (warning-listed keys link nothing), read in one query
    /// for the batch before any key is locked, so the locks are held for as little as possible.
    func plans(_ indicators: [[CanonicalIndicator]], on connection: PostgresConnection) async throws -> [CorrelationPlan] {
        let keys = Array(Set(indicators.flatMap { $0.flatMap(\.correlationKeys) })).sorted()
        let listed = Set(try await connection.query(WarninglistQueries.listed.binding(keys)).map { try $0.decode(String.self, "key") })
        return indicators.map { CorrelationPlan(indicators: $0, warninglisted: listed) }
    }

    /// Records the referral's sightings (counters updated incrementally), links it and joins it
    /// to a network by its linking keys, in one round trip. The caller holds its keys' locks
    /// (`IndicatorQueries.lockKeys`), taken for the whole batch at once.
    func correlate(_ referral: StoredReferral, plan: CorrelationPlan, indicators: [CanonicalIndicator], on connection: PostgresConnection) async throws -> Correlation {
        let keys = Array(Set(indicators.flatMap(\.correlationKeys))).sorted()
        let seenAt = referral.referral.timeWindow?.lastSeen ?? referral.receivedAt
        let partner = referral.partnerID, sector = referral.sector.rawValue
        let results = try await connection.pipeline([
            IndicatorQueries.recordSightings.binding(keys, referral.id, partner, sector, seenAt, plan.unlinkedByRole),
            IndicatorQueries.link.binding(referral.id, plan.linkingKeys, Self.maxLinksPerKey),
            NetworkQueries.join.binding(referral.id, plan.linkingKeys, partner, sector, seenAt),
            IndicatorQueries.linkedCount.binding(referral.id),
        ])
        guard let network = results[2].single else {
            throw PostgresError(.decoding, queryName: NetworkQueries.join.name, reason: "occ_network_join returned no row")
        }
        return Correlation(
            plan: plan, network: try NetworkJoin(row: network), linkedReferrals: try results[3].single?.decode(Int.self, "linked") ?? 0)
    }
}
