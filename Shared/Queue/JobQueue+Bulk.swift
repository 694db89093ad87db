import Foundation
import Postgres

extension JobQueue {
    /// Inserts many jobs by COPY, the fastest path, on `connection` inside its transaction.
    /// Returns the count; ids are not returned. Jobs with unique keys need `ON CONFLICT`, which
    /// COPY cannot do, so a batch holding any goes through `enqueueMany` instead.
    @discardableResult
    public func enqueueBulk(_ jobs: [JobInsert], on connection: PostgresConnection) async throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        if jobs.contains(where: { $0.options.uniqueKey != nil }) {
            return try await enqueueMany(jobs, on: connection).filter { !$0.duplicate }.count
        }
        let scheduled = jobs.contains { $0.options.runAt != nil }
        let now = Date()
        let rows = try jobs.map { job -> [any PostgresEncodable] in
            let metadata = try JobCoding.encode(job.options.metadata)
            var row: [any PostgresEncodable] = [job.options.queue, job.kind, job.argsJSON, metadata, job.options.priority, job.options.maxAttempts]
            if scheduled {
                let runAt = job.options.runAt ?? now
                row.append(runAt > now ? "scheduled" : "available")
                row.append(runAt)
            }
            return row
        }
        // Without run times the table's defaults apply: available now, by the server's clock.
        let columns = scheduled ? "queue, kind, args, metadata, priority, max_attempts, state, run_at" : "queue, kind, args, metadata, priority, max_attempts"
        let count = try await connection.copyIn("COPY occ_jobs (\(columns)) FROM STDIN", name: "jobs_copy", rows: rows)
        for queue in Set(jobs.map(\.options.queue)).sorted() where notifier.claimNotify(queue) {
            try await connection.query(JobQueries.notify.binding(queue))
        }
        return count
    }
}
