import Foundation
import Postgres
import Runtime

extension JobWorker {
    /// Runs several claimed jobs of one kind through the kind's batch handler (one transaction).
    /// If the handler throws — a poison job, a lost lease, a deadlock — its transaction left
    /// nothing behind, and each job runs again on its own (`execute(_:)`) so only the bad one fails.
    func execute(batch jobs: [JobRecord]) async {
        guard let kind = jobs.first?.kind, let handler = registry.batchHandler(for: kind) else {
            for job in jobs { await execute(job) }
            return
        }
        let started = ContinuousClock.now
        let timeout = registry.timeout(for: kind) ?? configuration.jobTimeout
        let contexts = jobs.map { JobContext(record: $0, workerID: configuration.workerID) }
        let (result, timedOut) = await Self.run({ try await handler(contexts) }, timeout: timeout)
        guard case .success(let outcomes) = result, outcomes.count == jobs.count else {
            let reason: String
            switch result {
            case .failure(let error): reason = timedOut ? "timed out after \(readable(timeout ?? .zero))" : String(describing: error)
            case .success(let outcomes): reason = "the batch handler returned \(outcomes.count) outcomes for \(jobs.count) jobs"
            }
            logger.warning("batch failed; running its jobs one by one", ["kind": kind, "jobs": "\(jobs.count)", "error": reason])
            for job in jobs { await execute(job) }
            return
        }
        let runTime = (ContinuousClock.now - started) / jobs.count
        for (job, outcome) in zip(jobs, outcomes) {
            counters.pickedUp(job)
            counters.finished(job, outcome, runTime: runTime)
            if await !record(job, outcome) {
                counters.outcomeAbandoned()
                logger.error("gave up recording job outcome; its lease will lapse and the rescuer will return it", [
                    "job_id": "\(job.id)", "kind": job.kind, "attempt": "\(job.attempt)",
                ])
            }
            inFlight.remove(job)
        }
    }
}
