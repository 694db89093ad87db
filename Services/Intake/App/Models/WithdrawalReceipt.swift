import Domain
import Foundation

/// What `POST /v1/referrals/{id}/withdraw` answers.
struct WithdrawalReceipt: Sendable, Encodable {
    let referralID: UUID
    let withdrawnAt: Date
    let reason: String
    /// How many STIX objects were published as revoked in the partner's TAXII collection.
    let revokedObjects: Int

    private enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
        case withdrawnAt = "withdrawn_at"
        case reason
        case revokedObjects = "revoked_objects"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(referralID.uuidString.lowercased(), forKey: .referralID)
        try container.encode(Timestamp.format(withdrawnAt), forKey: .withdrawnAt)
        try container.encode(reason, forKey: .reason)
        try container.encode(revokedObjects, forKey: .revokedObjects)
    }
}
