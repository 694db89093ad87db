import Foundation
import Queue

/// The job intake enqueues for each stored referral, in the same transaction; enrichment runs it.
public struct EnrichReferral: JobArgs, Hashable {
    public static let kind = "enrich_referral"
    /// The queue enrichment workers claim from.
    public static let queue = "enrichment"

    public let referralID: UUID

    public init(referralID: UUID) {
        self.referralID = referralID
    }

    private enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
    }
}
