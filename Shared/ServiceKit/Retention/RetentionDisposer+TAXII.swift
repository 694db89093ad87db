import Domain
import Foundation
import Postgres

extension RetentionDisposer {
    /// Publishes a revoked version of every object the referrals `ids` put in any partner's TAXII
    /// collections (their indicators and sightings, the outcome notes on them, the confirmed
    /// indicators no live referral backs), in the batch's transaction, so a partner's feed never
    /// holds a live object of a disposed referral. The version is dated `asOf` (later than the one
    /// it replaces). Returns how many each referral revoked.
    public func revokeTAXIIObjects(_ ids: [UUID], asOf: Date, on connection: PostgresConnection) async throws -> [UUID: Int] {
        var partners: [Int64] = [], collections: [String] = [], objects: [String] = [], referrals: [UUID] = []
        var counts: [UUID: Int] = [:]
        for row in try await connection.query(RetentionTAXIIQueries.latestOfReferrals.binding(ids)) {
            let published = try JSONValue(parsing: Data(try row.decode(String.self, "object").utf8))
            guard let revoked = STIXExport.revoked(published, at: asOf), let referral = try row.decode(UUID?.self, "referral_id") else { continue }
            partners.append(try row.decode(Int64.self, "partner_id"))
            collections.append(try row.decode(String.self, "collection"))
            objects.append(revoked.canonicalText)
            referrals.append(referral)
            counts[referral, default: 0] += 1
        }
        if !objects.isEmpty {
            try await connection.query(RetentionTAXIIQueries.insertRevoked.binding(partners, collections, objects, referrals))
        }
        return counts
    }
}
