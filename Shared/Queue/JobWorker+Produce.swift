import Foundation
import Postgres
import Synchronization

extension JobWorker {
    /// One queue's fetch loop: claim up to the free slots, start each job as a child task, and
    /// sleep until a NOTIFY, a freed slot, or the poll interval. Returns once stopping and drained.
    func produce(queue: String, limit: Int) async {
        guard let signal = signals[queue] else { return }
        let inFlight = InFlightCount()
        await withDiscardingTaskGroup { group in
            while !isStopping && !Task.isCancelled {
                let free = limit - inFlight.value
                var batchWasFull = false
                if free > 0 {
                    let want = min(free, configuration.batchSize)
                    do {
                        let jobs = try await claim(queue: queue, limit: want)
                        for job in jobs {
                            inFlight.increment()
                            group.addTask {
                                await self.execute(job)
                                // A producer waiting at capacity learns that a slot is free.
                                if inFlight.decrement() == limit { signal.signal() }
                            }
                        }
                        batchWasFull = !jobs.isEmpty && jobs.count == want
                    } catch {
                        logger.error("claim failed", ["queue": queue, "error": "\(error)"])
                    }
                }
                if batchWasFull && inFlight.value < limit { continue }
                await signal.wait(timeout: configuration.pollInterval)
            }
        }
    }

    func claim(queue: String, limit: Int) async throws -> [JobRecord] {
        let settings = queueSettings(queue)
        if settings.paused { return [] }
        let claim = JobQueries.claim
        let workerID = configuration.workerID, lease = intervalText(configuration.leaseDuration)
        guard let global = settings.globalConcurrency else {
            return try await pool.query(claim.binding(queue, limit, workerID, lease)).map(JobRecord.init)
        }
        // A cluster-wide limit needs the count and the claim to be one decision: serialise per queue.
        return try await pool.transaction { connection in
            try await connection.query(JobQueries.lockQueue.binding(queue))
            let running = try await connection.query(JobQueries.countRunning.binding(queue)).single?.decode(Int.self, "n") ?? 0
            let allowed = min(limit, global - running)
            guard allowed > 0 else { return [] }
            return try await connection.query(claim.binding(queue, allowed, workerID, lease)).map(JobRecord.init)
        }
    }

    func execute(_ job: JobRecord) async {
        counters.pickedUp(job)
        let started = ContinuousClock.now
        let outcome: JobOutcome
        if let handler = registry.handler(for: job.kind) {
            do {
                outcome = try await handler(JobContext(record: job, workerID: configuration.workerID))
            } catch let error as QueueError where error.code == .leaseLost {
                logger.warning("job lost its lease while running", ["job_id": "\(job.id)", "kind": job.kind])
                return
            } catch {
                logger.warning("job attempt failed", ["job_id": "\(job.id)", "kind": job.kind, "attempt": "\(job.attempt)",
                                                      "max_attempts": "\(job.maxAttempts)", "error": "\(error)"])
                outcome = .retry(reason: String(describing: error))
            }
        } else {
            outcome = .retry(reason: "no worker registered for kind \(job.kind) in this process")
        }
        counters.finished(job, outcome, runTime: ContinuousClock.now - started)
        await finish(job, outcome)
    }

    private func finish(_ job: JobRecord, _ outcome: JobOutcome) async {
        let query: PostgresQuery
        switch outcome {
        case .complete:
            await completer.complete(id: job.id, attempt: job.attempt)
            return
        case .completedInTransaction:
            return
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
        let pool = self.pool
        do {
            // Recorded even during a hard stop: the outcome was earned.
            _ = try await Task.detached { try await pool.query(query) }.value
        } catch {
            logger.error("could not record job outcome; the rescuer will return it", ["job_id": "\(job.id)", "error": "\(error)"])
        }
    }

    private func errorEntry(_ job: JobRecord, _ reason: String) -> String {
        struct Entry: Encodable { let at: Date; let attempt: Int; let error: String; let worker: String }
        let entry = Entry(at: Date(), attempt: job.attempt, error: String(reason.prefix(2000)), worker: configuration.workerID)
        return (try? JobCoding.encode(entry)) ?? "{}"
    }
}

/// Jobs running for one producer, shared with the job tasks it starts.
final class InFlightCount: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func increment() { count.add(1, ordering: .relaxed) }
    /// Returns the count before decrementing.
    func decrement() -> Int { count.subtract(1, ordering: .relaxed).oldValue }
}
