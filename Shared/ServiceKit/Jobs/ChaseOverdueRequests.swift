import Foundation
import Queue

/// The job that chases requests to partners (disruption requests and RFIs) left open past their
/// deadline: the tasking worker inserts it every `TASKING_CHASE_INTERVAL` and runs it; a run that
/// found a full batch enqueues the next one at once. `uniqueKey` keeps to one at a time.
public struct ChaseOverdueRequests: JobArgs, Hashable {
    public static let kind = "chase_overdue_requests"
    public static let queue = TaskReferral.queue
    public static let uniqueKey = "chase_overdue_requests"

    public init() {}

    /// The insert, as the periodic entry and a continuing run make it.
    public static func insert(runAt: Date? = nil) throws -> JobInsert {
        try JobInsert(ChaseOverdueRequests(), options: InsertOptions(queue: queue, priority: 3, runAt: runAt, uniqueKey: uniqueKey))
    }
}
