import Foundation
import Postgres
import Synchronization

extension JobWorker {
    /// One queue's fetch loop: claim up to the free slots, start each job as a child task, and
    /// sleep until a NOTIFY, a freed slot, or the poll interval. Returns once stopping and drained.
    func produce(queue: String, limit: Int) async {
        guard let signal = signals[queue] else { return }
        let running = RunningCount()
        await withDiscardingTaskGroup { group in
            while !isStopping && !Task.isCancelled {
                let free = limit - running.value
                var batchWasFull = false
                if free > 0 {
                    let want = min(free, configuration.batchSize)
                    do {
                        let jobs = try await claim(queue: queue, limit: want)
                        self.inFlight.add(jobs)
                        for job in jobs {
                            running.increment()
                            group.addTask {
                                await self.execute(job)
                                // A producer waiting at capacity learns that a slot is free.
                                if running.decrement() == limit { signal.signal() }
                            }
                        }
                        batchWasFull = !jobs.isEmpty && jobs.count == want
                    } catch {
                        logger.error("claim failed", ["queue": queue, "error": "\(error)"])
                    }
                }
                if batchWasFull && running.value < limit { continue }
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
}

/// Jobs running for one producer, shared with the job tasks it starts.
final class RunningCount: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func increment() { count.add(1, ordering: .relaxed) }
    /// Returns the count before decrementing.
    func decrement() -> Int { count.subtract(1, ordering: .relaxed).oldValue }
}
