import Foundation
import Queue

/// The job intake enqueues when a partner withdraws a referral or takes indicators out of it, in
/// the same transaction; enrichment runs it: it removes the referral's links (through the given
/// keys only, for a correction), stops those keys linking again, and recomputes its network (taking
/// a withdrawn referral out, splitting the network where the removed links held it together).
public struct UnlinkReferral: JobArgs, Hashable {
    public static let kind = "unlink_referral"
    /// Enrichment's queue: the links and networks are enrichment's tables.
    public static let queue = "enrichment"

    public let referralID: UUID
    /// The correlation keys to unlink (a correction); nil for all of them (a withdrawal).
    public let keys: [String]?

    public init(referralID: UUID, keys: [String]? = nil) {
        self.referralID = referralID
        self.keys = keys
    }

    private enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
        case keys
    }
}
