import Foundation
import Queue

/// The job enrichment enqueues for each enriched referral, in the same transaction; tasking runs it.
public struct TaskReferral: JobArgs, Hashable {
    public static let kind = "task_referral"
    /// The queue tasking workers claim from.
    public static let queue = "tasking"

    public let referralID: UUID

    public init(referralID: UUID) {
        self.referralID = referralID
    }

    private enum CodingKeys: String, CodingKey {
        case referralID = "referral_id"
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
