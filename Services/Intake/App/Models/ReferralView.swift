import Domain
import Foundation

/// One referral as its partner reads it back: the receipt fields plus the canonical content.
public struct ReferralView: Sendable, Codable, Hashable {
    /// Lower-case UUID, as PostgreSQL prints it.
    public let id: String
    public let reference: String
    public let partnerReference: String
    public let status: String
    public let channel: String
    public let receivedAt: Date
    /// The validated referral with indicators in canonical form.
    public let referral: JSONValue

    private enum CodingKeys: String, CodingKey {
        case id, reference, status, channel, referral
        case partnerReference = "partner_reference"
        case receivedAt = "received_at"
    }
}

/// A page of `GET /v1/referrals`.
public struct ReferralPage: Sendable, Codable, Hashable {
    /// The feed's name inside its cursors (a feedback cursor is refused here).
    static let stream = "referrals"

    public let referrals: [ReferralReceipt]
    /// Pass as `cursor` to get the next page. Always present: an empty page hands back the
    /// cursor it was given, so a poller keeps its place.
    public let nextCursor: String

    private enum CodingKeys: String, CodingKey {
        case referrals
        case nextCursor = "next_cursor"
    }
}
