import Foundation
import Postgres
import Runtime

extension JobWorker {
    /// Runs one claimed job's handler (within its timeout) and records the outcome; the job is in
    /// flight, so heartbeated, until the outcome is written or given up on.
    func execute(_ job: JobRecord) async {
        defer { inFlight.remove(job) }
        counters.pickedUp(job)
        let started = ContinuousClock.now
        let outcome: JobOutcome
        if let handler = registry.handler(for: job.kind) {
            let timeout = registry.timeout(for: job.kind) ?? configuration.jobTimeout
            let context = JobContext(record: job, workerID: configuration.workerID)
            let (result, timedOut) = await Self.run({ try await handler(context) }, timeout: timeout)
            switch result {
            case .success(let returned):
                outcome = returned
            case .failure(let error as QueueError) where error.code == .leaseLost:
                logger.warning("job lost its lease while running", ["job_id": "\(job.id)", "kind": job.kind])
                return
            case .failure(let error):
                let reason = timedOut ? "timed out after \(readable(timeout ?? .zero)) (handler cancelled: \(error))" : String(describing: error)
                if timedOut { counters.timedOut(job) }
                logger.warning(timedOut ? "job timed out" : "job attempt failed", [
                    "job_id": "\(job.id)", "kind": job.kind, "attempt": "\(job.attempt)",
                    "max_attempts": "\(job.maxAttempts)", "error": reason,
                ])
                outcome = .retry(reason: reason)
            }
        } else {
            outcome = .retry(reason: "no worker registered for kind \(job.kind) in this process")
        }
        counters.finished(job, outcome, runTime: ContinuousClock.now - started)
        if await !record(job, outcome) {
            counters.outcomeAbandoned()
            logger.error("gave up recording job outcome; its lease will lapse and the rescuer will return it", [
                "job_id": "\(job.id)", "kind": job.kind, "attempt": "\(job.attempt)",
            ])
        }
    }

    /// The handler's result, and whether `timeout` cancelled it. The timer runs on the global
    /// executor: never on a connection's thread, where it would wait behind the handler's queries.
    static func run<T: Sendable>(_ handler: @escaping @Sendable () async throws -> T, timeout: Duration?) async -> (Result<T, Error>, timedOut: Bool) {
        guard let timeout else { return (await capture { try await handler() }, false) }
        return await withTaskGroup(of: HandlerEvent<T>.self) { group in
            group.addTask { .finished(await capture { try await handler() }) }
            group.addTask(executorPreference: globalConcurrentExecutor) {
                do {
                    try await Task.sleep(for: timeout)
                    return .timerFired
                } catch {
                    return .timerStopped
                }
            }
            var result: Result<T, Error>?
            var timedOut = false
            while let event = await group.next() {
                switch event {
                case .finished(let finished): result = finished
                case .timerFired: timedOut = result == nil
                case .timerStopped: break
                }
                group.cancelAll()
            }
            return (result ?? .failure(CancellationError()), timedOut)
        }
    }

    /// Writes `outcome`, retrying within `outcomeRetryWindow`; false if it was given up on.
    func record(_ job: JobRecord, _ outcome: JobOutcome) async -> Bool {
        let query: PostgresQuery
        switch outcome {
        case .complete:
            return await completer.complete(id: job.id, attempt: job.attempt)
        case .completedInTransaction:
            return true
        case .retry(let reason, let after):
            if job.attempt >= job.maxAttempts {
                query = JobQueries.finishRunning.binding(job.id, job.attempt, "discarded", errorEntry(job, reason))
                logger.warning("job discarded after its last attempt", ["job_id": "\(job.id)", "kind": job.kind])
            } else {
                let delay = after ?? configuration.backoff(job.attempt)
                query = JobQueries.retry.binding(job.id, job.attempt, intervalText(delay), errorEntry(job, reason))
            }
        case .snooze(let after):
            query = JobQueries.snooze.binding(job.id, job.attempt, intervalText(after))
        case .cancel(let reason):
            query = JobQueries.finishRunning.binding(job.id, job.attempt, "cancelled", errorEntry(job, reason))
        case .discard(let reason):
            query = JobQueries.finishRunning.binding(job.id, job.attempt, "discarded", errorEntry(job, reason))
        }
        let pool = self.pool, counters = self.counters, logger = self.logger
        return await OutcomeRetry(window: configuration.outcomeRetryWindow).run({
            // Detached: written even during a hard stop, because the outcome was earned.
            _ = try await Task.detached { try await pool.query(query) }.value
        }, onFailure: { error, tries in
            counters.outcomeWriteFailed()
            logger.log(tries == 1 ? .warning : .debug, "could not record job outcome; retrying", [
                "job_id": "\(job.id)", "error": "\(error)", "try": "\(tries)",
            ])
        }, giveUp: { Task.isCancelled })
    }

    private func errorEntry(_ job: JobRecord, _ reason: String) -> String {
        struct Entry: Encodable { let at: Date; let attempt: Int; let error: String; let worker: String }
        let entry = Entry(at: Date(), attempt: job.attempt, error: String(reason.prefix(2000)), worker: configuration.workerID)
        return (try? JobCoding.encode(entry)) ?? "{}"
    }
}

/// What finishes first in `JobWorker.run`: the handler, or its timer.
private enum HandlerEvent<T: Sendable>: Sendable {
    case finished(Result<T, Error>), timerFired, timerStopped
}

/// The value `body` returns, or the error it throws.
private func capture<T>(_ body: () async throws -> T) async -> Result<T, Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
