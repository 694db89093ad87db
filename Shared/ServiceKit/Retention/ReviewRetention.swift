import Foundation
import Postgres
import Queue

/// The periodic review-and-disposal job (queue `retention`): one batch of referrals and one of
/// webhook deliveries per run, in the job's own transaction with its completion. A full batch enqueues the next at once, in the same
/// transaction, so a backlog drains batch by batch and a crash resumes where it stopped; the
/// periodic schedule starts a new chain each interval.
public struct ReviewRetention: JobArgs, Hashable {
    public static let kind = "review_retention"
    public static let queue = "retention"

    public let batchSize: Int
    /// The clock for this run and the batches it chains; nil: the worker's clock when each runs.
    public let asOf: Date?

    public init(batchSize: Int, asOf: Date? = nil) {
        self.batchSize = batchSize
        self.asOf = asOf
    }

    private enum CodingKeys: String, CodingKey {
        case batchSize = "batch_size"
        case asOf = "as_of"
    }

    /// The job's insert on its queue.
    public var insert: JobInsert {
        get throws { try JobInsert(self, options: InsertOptions(queue: Self.queue, maxAttempts: 10)) }
    }

    /// The schedule `occ retention work` registers: one chain per interval, whichever process claims it.
    public static func periodic(every interval: Duration, batchSize: Int) -> PeriodicJob {
        PeriodicJob(name: kind, every: interval) { try ReviewRetention(batchSize: batchSize).insert }
    }

    /// Registers the handler: one leader at a time (a transaction advisory lock; a job that
    /// cannot take it completes with nothing done, the leader's chain covers the backlog).
    public static func register(
        in registry: inout JobWorkerRegistry, pool: PostgresPool, clock: @escaping @Sendable () -> Date = Date.init,
        done: @escaping @Sendable ([Disposal]) -> Void = { _ in }
    ) {
        let disposer = RetentionDisposer(actor: "service:retention")
        registry.register(ReviewRetention.self, timeout: .seconds(300)) { args, context in
            let batch = try await pool.transaction { connection -> [Disposal] in
                let leading = try await connection.query(RetentionReferralQueries.lead).single?.decode(Bool.self, "leading") ?? false
                var batch: [Disposal] = []
                if leading {
                    let size = min(max(args.batchSize, 1), 10_000)
                    let asOf = args.asOf ?? clock()
                    batch = try await disposer.disposeBatch(asOf: asOf, recordClass: nil, limit: size, on: connection)
                    let deliveries = try await disposer.disposeDeliveries(asOf: asOf, limit: size, on: connection)
                    if batch.count == size || deliveries == size {
                        let next = try JobInsert(ReviewRetention(batchSize: size, asOf: args.asOf), options: InsertOptions(
                            queue: queue, maxAttempts: 10, uniqueKey: "review_retention:after:\(context.record.id)"))
                        _ = try await JobQueue(pool: pool).enqueueMany([next], on: connection)
                    }
                }
                try await context.complete(on: connection)
                return batch
            }
            done(batch)
            return .completedInTransaction
        }
    }
}
