import Foundation
import Queue

/// The job intake enqueues when a partner withdraws a referral, in the same transaction;
/// enrichment runs it: it removes the referral's links, takes it out of its network (splitting
/// the network where the referral held it together) and stops its keys linking again.
public struct UnlinkReferral: JobArgs, Hashable {
    public static let kind = "unlink_referral"
    /// Enrichment's queue: the links and networks are enrichment's tables.
    public static let queue = "enrichment"

    public let referralID: UUID

    public init(referralID: UUID) {
        self.referralID = referralID
    }

    private enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
    }
}
