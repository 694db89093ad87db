import Foundation
import Queue

/// The job enrichment enqueues for each enriched referral, and for each member of a network whose
/// growth may change its routing, in the same transaction; tasking runs it.
public struct TaskReferral: JobArgs, Hashable {
    public static let kind = "task_referral"
    /// The queue tasking workers claim from.
    public static let queue = "tasking"

    public let referralID: UUID
    /// Why the referral is routed again after its first routing (its network changed); nil the first time.
    public let reason: String?

    public init(referralID: UUID, reason: String? = nil) {
        self.referralID = referralID
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
        case reason
    }
}

/// The job tasking enqueues for each recorded outcome, in the same transaction; feedback runs it
/// (again, scheduled, when an embargo lifts).
public struct DeliverFeedback: JobArgs, Hashable {
    public static let kind = "deliver_feedback"
    /// The queue feedback workers claim from.
    public static let queue = "feedback"

    public let outcomeID: Int64

    public init(outcomeID: Int64) {
        self.outcomeID = outcomeID
    }

    private enum CodingKeys: String, CodingKey {
        case outcomeID = "outcome_id"
    }
}
