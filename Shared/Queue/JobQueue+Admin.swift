import Foundation
import Postgres

extension JobQueue {
    /// What `retry` did.
    public enum Retried: Sendable, Equatable {
        /// A discarded or cancelled job is back in its queue with a fresh attempt budget.
        case replayed
        /// A waiting job is due now.
        case madeDue
        /// A running job (with `force`) is back in its queue; its running attempt's outcome will be refused.
        case released
    }

    /// Puts a discarded or cancelled job back in its queue with a fresh attempt budget, or makes a
    /// waiting one due now. A running job is returned to the queue only with `force`: its attempt
    /// may still be working, and whatever it records afterwards is refused (the attempt guard).
    @discardableResult
    public func retry(id: Int64, force: Bool = false) async throws -> Retried {
        if try await pool.query(AdminQueries.replay.binding(id)).affectedRows == 1 { return .replayed }
        if try await pool.query(AdminQueries.runNow.binding(id)).affectedRows == 1 { return .madeDue }
        if force {
            let entry = try operatorEntry("returned to the queue by an operator while running")
            if try await pool.query(AdminQueries.releaseRunning.binding(id, entry)).affectedRows == 1 { return .released }
        }
        throw try await refusal(id: id, action: "retried", force: force)
    }

    /// Cancels a waiting job; a running one only with `force` (see `retry`).
    public func cancel(id: Int64, reason: String = "cancelled by operator", force: Bool = false) async throws {
        try await end(id: id, as: .cancelled, reason: reason, force: force)
    }

    /// Sends a waiting job straight to the dead-letter state; a running one only with `force`.
    public func discard(id: Int64, reason: String = "discarded by operator", force: Bool = false) async throws {
        try await end(id: id, as: .discarded, reason: reason, force: force)
    }

    private func end(id: Int64, as state: JobState, reason: String, force: Bool) async throws {
        let query = force ? AdminQueries.endAny : AdminQueries.endWaiting
        let moved = try await pool.query(query.binding(id, state.rawValue, try operatorEntry(reason))).affectedRows
        if moved == 1 { return }
        throw try await refusal(id: id, action: state.rawValue, force: force)
    }

    private func operatorEntry(_ reason: String) throws -> String {
        struct Entry: Encodable { let at: Date; let error: String }
        return try JobCoding.encode(Entry(at: Date(), error: reason))
    }

    /// Why an action found nothing to act on: no such job, or the state it is in.
    private func refusal(id: Int64, action: String, force: Bool) async throws -> QueueError {
        guard let job = try await job(id: id)?.summary else {
            return QueueError(.notFound, jobID: id, reason: "no job \(id) (neither waiting, running nor in history)")
        }
        if job.state == .running && !force {
            return QueueError(.running, jobID: id, reason: """
                job \(id) is running (attempt \(job.attempt), worker \(job.attemptedBy ?? "?")); a running job is \(action) \
                only when forced, and its attempt's outcome is then refused
                """)
        }
        return QueueError(.wrongState, jobID: id, reason: "job \(id) is \(job.state.rawValue) and cannot be \(action)")
    }

    /// Depth and age of waiting jobs per queue and state.
    public struct QueueDepth: Sendable {
        public let queue: String
        public let state: String
        public let count: Int
        public let oldestAgeSeconds: Double
    }

    /// Waiting and running jobs per queue and state, with the age of the oldest.
    public func depth() async throws -> [QueueDepth] {
        try await pool.query(AdminQueries.depth).map { row in
            QueueDepth(queue: try row.decode(String.self, "queue"), state: try row.decode(String.self, "state"),
                       count: try row.decode(Int.self, "n"), oldestAgeSeconds: try row.decode(Double.self, "oldest_age"))
        }
    }

    /// Jobs finished per queue and state over the last `window`.
    public func throughput(window: Duration = .seconds(60)) async throws -> [(queue: String, state: String, count: Int)] {
        try await pool.query(AdminQueries.finishedSince.binding(intervalText(window))).map { row in
            (try row.decode(String.self, "queue"), try row.decode(String.self, "state"), try row.decode(Int.self, "n"))
        }
    }

    /// Sets or clears a queue's cluster-wide concurrency limit and pause flag.
    public func configureQueue(_ name: String, globalConcurrency: Int?, paused: Bool) async throws {
        try await pool.query(AdminQueries.upsertQueue.binding(name, globalConcurrency, paused))
    }
}
