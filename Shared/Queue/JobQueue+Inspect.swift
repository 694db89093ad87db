import Foundation
import Postgres

extension JobQueue {
    /// A job as an operator sees it, waiting, running or in history.
    public struct JobSummary: Sendable {
        public let id: Int64
        public let queue: String
        public let kind: String
        public let state: JobState
        public let priority: Int
        public let attempt: Int
        public let maxAttempts: Int
        public let createdAt: Date
        /// When a waiting job is due (nil once finished).
        public let runAt: Date?
        public let attemptedAt: Date?
        /// The worker process that ran (or runs) the latest attempt.
        public let attemptedBy: String?
        /// A running job's lease: the rescuer may return the job after this.
        public let leaseExpiresAt: Date?
        public let finishedAt: Date?
        public let lastError: String?
        /// By the server's clock: how long the latest attempt has been running (running jobs).
        public let runningSeconds: Double?
        /// By the server's clock: how long until the lease lapses, negative once it has.
        public let leaseSecondsLeft: Double?

        init(row: PostgresRow) throws {
            id = try row.decode(Int64.self, "id")
            queue = try row.decode(String.self, "queue")
            kind = try row.decode(String.self, "kind")
            let stateName = try row.decode(String.self, "state")
            guard let state = JobState(rawValue: stateName) else {
                throw QueueError(.wrongState, jobID: id, reason: "unknown job state '\(stateName)'")
            }
            self.state = state
            priority = try row.decode(Int.self, "priority")
            attempt = try row.decode(Int.self, "attempt")
            maxAttempts = try row.decode(Int.self, "max_attempts")
            createdAt = try row.decode(Date.self, "created_at")
            runAt = try row.decode(Date?.self, "run_at")
            attemptedAt = try row.decode(Date?.self, "attempted_at")
            attemptedBy = try row.decode(String?.self, "attempted_by")
            leaseExpiresAt = try row.decode(Date?.self, "lease_expires_at")
            finishedAt = try row.decode(Date?.self, "finished_at")
            lastError = try row.decode(String?.self, "last_error")
            runningSeconds = state == .running ? try row.decode(Double?.self, "running_seconds") : nil
            leaseSecondsLeft = try row.decode(Double?.self, "lease_seconds_left")
        }
    }

    /// Jobs in `state` (nil: every waiting and running job), optionally of one queue and created
    /// more than `olderThan` ago. Waiting and running jobs come oldest first, finished ones most
    /// recently finished first; at most `limit` (1 to 10,000).
    public func list(state: JobState? = nil, queue: String? = nil, olderThan: Duration? = nil, limit: Int = 50) async throws -> [JobSummary] {
        let query = state?.isFinished == true ? AdminQueries.listHistory : AdminQueries.listHot
        let binding = query.binding(state?.rawValue, queue, olderThan.map(intervalText), min(max(limit, 1), 10_000))
        return try await pool.query(binding).map(JobSummary.init)
    }

    /// Running jobs whose latest attempt started more than `threshold` ago, longest-running first.
    public func stuck(threshold: Duration, queue: String? = nil, limit: Int = 50) async throws -> [JobSummary] {
        let binding = AdminQueries.stuck.binding(intervalText(threshold), queue, min(max(limit, 1), 10_000))
        return try await pool.query(binding).map(JobSummary.init)
    }

    /// One job with its arguments, metadata and error history; nil if there is none with `id`
    /// (never inserted, or pruned from history).
    public func job(id: Int64) async throws -> JobDetail? {
        try await pool.query(AdminQueries.show.binding(id)).first.map(JobDetail.init)
    }
}
