import Domain
import Foundation
import Postgres

extension EnrichmentHandler {
    /// What triage reads from reference data for one referral: the GBP rate of its loss's
    /// currency on the loss's date (its time window's end, else its arrival), and the police
    /// force and ROCU region of the victim's postcode area.
    struct Triage: Sendable {
        let gbpPerUnit: Double?
        let policeForce: String?
        let rocuRegion: String?

        func rates(for loss: Money?) -> [String: Double] {
            guard let loss, let gbpPerUnit else { return [:] }
            return [loss.currency: gbpPerUnit]
        }
    }

    func triage(_ referral: StoredReferral, on connection: PostgresConnection) async throws -> Triage {
        let loss = referral.referral.loss.flatMap { $0.currency == "GBP" ? nil : $0 }
        let area = referral.referral.victims?.postcodeArea
        guard loss != nil || area != nil else { return Triage(gbpPerUnit: nil, policeForce: nil, rocuRegion: nil) }
        let results = try await connection.pipeline([
            TriageQueries.rate.binding(loss?.currency ?? "GBP", referral.referral.timeWindow?.lastSeen ?? referral.receivedAt),
            TriageQueries.place.binding(area ?? ""),
        ])
        let place = results[1].single
        return Triage(
            gbpPerUnit: loss == nil ? nil : try results[0].single?.decode(Double.self, "rate"),
            policeForce: try place?.decode(String.self, "police_force"), rocuRegion: try place?.decode(String?.self, "rocu_region"))
    }
}
