import Domain
import Foundation

/// What `POST /v1/referrals/{id}/corrections` answers.
struct CorrectionReceipt: Sendable, Encodable {
    let referralID: UUID
    let correctionID: Int64
    let correctedAt: Date
    /// The keys of the indicators taken out.
    let removed: [String]
    /// How many STIX objects were published as revoked in the partner's TAXII collection.
    let revokedObjects: Int

    private enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
        case correctionID = "correction_id"
        case correctedAt = "corrected_at"
        case removed
        case revokedObjects = "revoked_objects"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(referralID.uuidString.lowercased(), forKey: .referralID)
        try container.encode(correctionID, forKey: .correctionID)
        try container.encode(Timestamp.format(correctedAt), forKey: .correctedAt)
        try container.encode(removed, forKey: .removed)
        try container.encode(revokedObjects, forKey: .revokedObjects)
    }
}
