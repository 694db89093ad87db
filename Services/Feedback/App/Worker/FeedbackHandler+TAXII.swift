import Domain
import Foundation
import Postgres
import ServiceKit

extension FeedbackHandler {
    /// Publishes newly released items to their partners' TAXII collections, in the deliveries'
    /// transaction, in two round trips for a whole batch: a `note` per item (outcomes) and, for each
    /// disruption on an indicator the decision point echoed to the partner, that indicator as
    /// confirmed, and each actioned referral's confirmed indicators to the partners of the
    /// disruptions' sectors (one query per delivery that has such disruptions). An item stored
    /// before (a redelivery) publishes nothing again; an embargoed item is only the floor, so it
    /// carries no disruption and confirms nothing.
    func publish(_ deliveries: [(outcomeID: Int64, loaded: Loaded, items: [FeedbackItem])], on connection: PostgresConnection) async throws {
        let items = deliveries.flatMap(\.items)
        guard !items.isEmpty else { return }
        let keyed = items.filter { $0.disruptions.contains { $0.indicatorKey != nil } }
        let indicators = try await canonicalIndicators(Set(keyed.compactMap { UUID(uuidString: $0.referralID) }), on: connection)
        // One insert per partner and collection: a delivery in a large network reaches hundreds.
        var notes = PartnerGroups<TAXIIPublication.Entry>(), confirmations = PartnerGroups<TAXIIPublication.Entry>()
        for (outcomeID, loaded, items) in deliveries {
            let keys = Dictionary(loaded.recipients.map { ($0.referral.referralID, $0.referral.indicatorKeys) }, uniquingKeysWith: { first, _ in first })
            for item in items {
                guard let partnerID = Int64(item.partnerID), let referralID = UUID(uuidString: item.referralID) else { continue }
                let indicatorKeys = keys[item.referralID.lowercased()] ?? []
                notes.append(.init(STIXExport.outcomeNote(item, outcomeID: outcomeID, indicatorKeys: Array(indicatorKeys)), referralID: referralID),
                             for: partnerID)
                for object in Self.confirmed(item, indicators: indicators[referralID] ?? []) {
                    confirmations.append(.init(object, referralID: referralID), for: partnerID)
                }
            }
        }
        var statements: [PostgresQuery] = []
        for (entries, collection) in [(notes, TAXIICollection.outcomes), (confirmations, .confirmed)] {
            for (partnerID, objects) in entries.groups {
                statements.append(PostgresConnection.partnerScopeQuery(partnerID))
                statements.append(TAXIIPublication.insert(objects, partnerID: partnerID, collection: collection))
            }
        }
        for (_, loaded, items) in deliveries {
            statements += try await sectorStatements(items, loaded: loaded, indicators: indicators, on: connection)
        }
        _ = try await connection.pipeline(statements)
    }

    /// The item's disrupted indicators (the partner's own, as the decision point echoed them).
    static func confirmed(_ item: FeedbackItem, indicators: [CanonicalIndicator]) -> [JSONValue] {
        confirmed(item.disruptions, tlp: item.tlp, at: item.issuedAt, indicators: indicators)
    }

    /// The indicators `disruptions` name, as confirmed indicators marked `tlp`.
    static func confirmed(_ disruptions: [FeedbackDisruption], tlp: TLP, at date: Date, indicators: [CanonicalIndicator]) -> [JSONValue] {
        var kinds: [String: [DisruptionKind]] = [:]
        for disruption in disruptions {
            if let key = disruption.indicatorKey { kinds[key, default: []].append(disruption.kind) }
        }
        // The echoed key may be an alias of the partner's indicator (a GB IBAN is also an account).
        return indicators.compactMap { indicator in
            let disruptions = ([indicator.key] + indicator.aliases).flatMap { kinds[$0] ?? [] }
            guard !disruptions.isEmpty else { return nil }
            return STIXExport.confirmedIndicator(indicator, disruptions: disruptions, tlp: tlp, at: date)
        }
    }

    /// The canonical indicators of each referral (as intake validated them).
    private func canonicalIndicators(_ referrals: Set<UUID>, on connection: PostgresConnection) async throws -> [UUID: [CanonicalIndicator]] {
        guard !referrals.isEmpty else { return [:] }
        var result: [UUID: [CanonicalIndicator]] = [:]
        for row in try await connection.query(ReferralQueries.indicators.binding(Array(referrals))) {
            result[try row.decode(UUID.self, "id")] = try JSONDecoder().decode(
                [CanonicalIndicator].self, from: Data(try row.decode(String.self, "indicators").utf8))
        }
        return result
    }
}
