import Domain
import Foundation
import Postgres

/// A referral as intake stored it and enrichment reads it: the canonical referral, who sent it and when.
struct StoredReferral: Sendable {
    let id: UUID
    let partnerID: Int64
    let sector: Sector
    let referral: ValidReferral
    let receivedAt: Date
    let traceID: String

    init(row: PostgresRow) throws {
        id = try row.decode(UUID.self, "id")
        partnerID = try row.decode(Int64.self, "partner_id")
        guard let sector = Sector(rawValue: try row.decode(String.self, "sector")) else {
            throw PostgresError(.decoding, queryName: "referrals_for_enrichment", reason: "unknown sector")
        }
        self.sector = sector
        referral = try JSONDecoder().decode(ValidReferral.self, from: Data(try row.decode(String.self, "canonical").utf8))
        receivedAt = try row.decode(Date.self, "received_at")
        traceID = try row.decode(String.self, "trace_id")
    }
}
