import Domain
import Foundation
import Postgres
import ServiceKit

extension FeedbackHandler {
    /// "Indicators confirmed for your sector": the actioned referral's confirmed indicators, as
    /// its own partner's released item carries them (nothing while under embargo), published to
    /// each partner of a disruption's acting sector the decision point releases them to
    /// (`Disclosure.sectorRelease`). Statements for the delivery's transaction.
    func sectorStatements(
        _ items: [FeedbackItem], loaded: Loaded, indicators: [UUID: [CanonicalIndicator]], on connection: PostgresConnection
    ) async throws -> [PostgresQuery] {
        let actioned = loaded.disclosure.actioned
        guard let item = items.first(where: { $0.referralID.lowercased() == actioned.referralID.lowercased() && $0.partnerID == actioned.partnerID }),
              let referralID = UUID(uuidString: actioned.referralID)
        else { return [] }
        let sectors = Set(item.disruptions.filter { $0.indicatorKey != nil }.map(\.kind.actingSector.rawValue)).sorted()
        guard !sectors.isEmpty else { return [] }
        var partners: [SectorPartner] = []
        for row in try await connection.query(PartnerQueries.ofSectors.binding(sectors)) {
            // The partners table's check allows only the four sectors.
            if let sector = Sector(rawValue: try row.decode(String.self, "sector")) {
                partners.append(SectorPartner(partnerID: String(try row.decode(Int64.self, "id")), sector: sector))
            }
        }
        var statements: [PostgresQuery] = []
        let release = Disclosure.sectorRelease(of: actioned, disruptions: item.disruptions, partners: partners)
        for (partner, disruptions) in release.sorted(by: { $0.key.partnerID < $1.key.partnerID }) {
            guard let partnerID = Int64(partner.partnerID) else { continue }
            let objects = Self.confirmed(disruptions, tlp: item.tlp, at: item.issuedAt, indicators: indicators[referralID] ?? [])
            guard !objects.isEmpty else { continue }
            statements += [PostgresConnection.partnerScopeQuery(partnerID), TAXIIPublication.insert(
                objects.map { .init($0, referralID: referralID) }, partnerID: partnerID, collection: .sector)]
        }
        return statements
    }
}
