import Foundation

/// What a partner gets back for a stored (or replayed) referral.
public struct ReferralReceipt: Sendable, Codable, Hashable {
    /// Lower-case UUID, as PostgreSQL prints it.
    public let id: String
    /// The human reference, e.g. `OCC-2026-000123`.
    public let reference: String
    public let partnerReference: String
    public let status: String
    public let receivedAt: Date

    private enum CodingKeys: String, CodingKey {
        case id, reference, status
        case partnerReference = "partner_reference"
        case receivedAt = "received_at"
    }
}
