import Postgres
import Queue
import ServiceKit

extension FeedbackHandler {
    /// One claimed job and what was read for it (nil: its outcome does not exist).
    struct Job {
        let args: DeliverFeedback
        let context: JobContext
        let loaded: Loaded?
    }

    func deliver(_ batch: [(args: DeliverFeedback, context: JobContext)], on connection: PostgresConnection) async throws -> [JobOutcome] {
        // Read before the writing transactions: under READ COMMITTED each statement sees what is
        // committed when it runs, so reading first is what one transaction did too.
        let loads = try await load(batch.map(\.args.outcomeID), on: connection)
        let chunks = Self.chunks(limit: recipientsPerTransaction, zip(batch, loads).map { Job(args: $0.0.args, context: $0.0.context, loaded: $0.1) })
        // One chunk fails as a whole batch did: the worker runs its jobs one by one.
        guard chunks.count > 1 else { return try await deliver(chunk: chunks.first ?? [], on: connection) }
        var outcomes: [JobOutcome] = []
        for chunk in chunks {
            do {
                outcomes += try await deliver(chunk: chunk, on: connection)
            } catch where !Task.isCancelled {
                outcomes += try await alone(chunk, failed: error, on: connection)
            }
        }
        return outcomes
    }

    /// Consecutive jobs, each run of them reaching at most `limit` referrals (or one job, however
    /// many it reaches).
    static func chunks(limit: Int, _ jobs: [Job]) -> [[Job]] {
        var chunks: [[Job]] = [], current: [Job] = [], recipients = 0
        for job in jobs {
            let reach = job.loaded?.recipients.count ?? 0
            if !current.isEmpty && recipients + reach > limit {
                chunks.append(current)
                current = []
                recipients = 0
            }
            current.append(job)
            recipients += reach
        }
        return current.isEmpty ? chunks : chunks + [current]
    }

    /// After a chunk failed (the chunks before it are committed, so the worker must not run the
    /// whole batch again): each of its jobs alone, as the worker does, so only a bad one retries.
    private func alone(_ chunk: [Job], failed: any Error, on connection: PostgresConnection) async throws -> [JobOutcome] {
        guard chunk.count > 1 else { return [.retry(reason: String(describing: failed))] }
        var outcomes: [JobOutcome] = []
        for job in chunk {
            do {
                outcomes += try await deliver(chunk: [job], on: connection)
            } catch where !Task.isCancelled {
                outcomes.append(.retry(reason: String(describing: error)))
            }
        }
        return outcomes
    }
}
