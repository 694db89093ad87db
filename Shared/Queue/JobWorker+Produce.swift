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
                    let perCall = max(1, configuration.handlerBatches[queue] ?? 1)
                    let want = min(free * perCall, configuration.batchSize)
                    do {
                        let jobs = try await claim(queue: queue, limit: want)
                        self.inFlight.add(jobs)
                        for chunk in calls(jobs, slots: free, perCall: perCall) {
                            running.increment()
                            group.addTask {
                                if chunk.count == 1 { await self.execute(chunk[0]) } else { await self.execute(batch: chunk) }
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

    /// Splits claimed jobs into handler calls: jobs of a kind with a batch handler go together,
    /// spread evenly over the free slots (at most `perCall` each); any other job runs alone.
    func calls(_ jobs: [JobRecord], slots: Int, perCall: Int) -> [[JobRecord]] {
        guard perCall > 1 else { return jobs.map { [$0] } }
        var byKind: [String: [JobRecord]] = [:], calls: [[JobRecord]] = []
        for job in jobs {
            if registry.batchHandler(for: job.kind) == nil { calls.append([job]) } else { byKind[job.kind, default: []].append(job) }
        }
        for kind in byKind.keys.sorted() {
            let batch = byKind[kind]!
            let size = min(perCall, max(1, (batch.count + slots - 1) / max(1, slots)))
            calls += stride(from: 0, to: batch.count, by: size).map { Array(batch[$0..<min($0 + size, batch.count)]) }
        }
        return calls
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
