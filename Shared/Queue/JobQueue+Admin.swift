import Foundation
import Postgres

extension JobQueue {
    /// A job as an operator sees it, waiting, running or in history.
    public struct JobSummary: Sendable {
        public let id: Int64
        public let queue: String
        public let kind: String
        public let state: String
        public let attempt: Int
        public let maxAttempts: Int
        public let runAt: Date?
        public let lastError: String?
    }

    /// Depth and age of waiting jobs per queue and state.
    public struct QueueDepth: Sendable {
        public let queue: String
        public let state: String
        public let count: Int
        public let oldestAgeSeconds: Double
    }

    /// Jobs in `state` (a hot state such as `available`, or `completed`/`cancelled`/`discarded`).
    public func list(state: String, queue: String? = nil, limit: Int = 50) async throws -> [JobSummary] {
        let hot = ["available", "scheduled", "retryable", "running"].contains(state)
        let query = hot ? AdminQueries.listHot : AdminQueries.listHistory
        return try await pool.query(query.binding(state, queue, min(max(limit, 1), 1000))).map { row in
            JobSummary(id: try row.decode(Int64.self, "id"), queue: try row.decode(String.self, "queue"),
                       kind: try row.decode(String.self, "kind"), state: try row.decode(String.self, "state"),
                       attempt: try row.decode(Int.self, "attempt"), maxAttempts: try row.decode(Int.self, "max_attempts"),
                       runAt: try row.decode(Date?.self, "run_at"), lastError: try row.decode(String?.self, "last_error"))
        }
    }

    /// Puts a discarded or cancelled job back in its queue with a fresh attempt budget.
    public func retry(id: Int64) async throws {
        let moved = try await pool.query(AdminQueries.replay.binding(id)).affectedRows
        if moved == 1 { return }
        // Already waiting? Make it due now.
        let bumped = try await pool.query(AdminQueries.runNow.binding(id)).affectedRows
        guard bumped == 1 else { throw QueueError(.notFound, jobID: id, reason: "no discarded, cancelled or waiting job with this id") }
    }

    /// Cancels a job that has not started; a running job cannot be cancelled from outside.
    public func cancel(id: Int64, reason: String = "cancelled by operator") async throws {
        try await endWaiting(id: id, state: "cancelled", reason: reason)
    }

    /// Sends a waiting job straight to the dead-letter state.
    public func discard(id: Int64, reason: String = "discarded by operator") async throws {
        try await endWaiting(id: id, state: "discarded", reason: reason)
    }

    private func endWaiting(id: Int64, state: String, reason: String) async throws {
        struct Entry: Encodable { let at: Date; let error: String }
        let entry = try JobCoding.encode(Entry(at: Date(), error: reason))
        let moved = try await pool.query(AdminQueries.endWaiting.binding(id, state, entry)).affectedRows
        guard moved == 1 else {
            throw QueueError(.wrongState, jobID: id, reason: "job is not waiting (it is running, finished or unknown)")
        }
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

enum AdminQueries {
    static let listHot = PostgresQuery("jobs_list_hot", """
        SELECT id, queue, kind, state, attempt, max_attempts, run_at, errors -> -1 ->> 'error' AS last_error
        FROM occ_jobs WHERE state = $1 AND ($2::text IS NULL OR queue = $2) ORDER BY id LIMIT $3
        """)
    static let listHistory = PostgresQuery("jobs_list_history", """
        SELECT id, queue, kind, state, attempt, max_attempts, NULL::timestamptz AS run_at, errors -> -1 ->> 'error' AS last_error
        FROM occ_job_history WHERE state = $1 AND ($2::text IS NULL OR queue = $2) ORDER BY finished_at DESC LIMIT $3
        """)
    static let replay = PostgresQuery("jobs_replay", """
        WITH dead AS (DELETE FROM occ_job_history WHERE id = $1 AND state IN ('discarded', 'cancelled') RETURNING *)
        INSERT INTO occ_jobs (id, queue, kind, args, metadata, state, priority, run_at, attempt, max_attempts, errors, unique_key, created_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, queue, kind, args, metadata, 'available', priority, now(), 0, max_attempts, errors, unique_key, created_at FROM dead
        """)
    static let runNow = PostgresQuery("jobs_run_now", "UPDATE occ_jobs SET run_at = now() WHERE id = $1 AND state <> 'running'")
    static let endWaiting = PostgresQuery("jobs_end_waiting", JobQueries.moveToHistory(
        where: "WHERE j.id = $1 AND j.state <> 'running'", state: "$2::text", extraError: "jsonb_build_array($3::jsonb)"))
    static let depth = PostgresQuery("jobs_depth", """
        SELECT queue,
               CASE WHEN state <> 'running' AND run_at > now() THEN 'scheduled' WHEN state = 'running' THEN 'running' ELSE 'available' END AS state,
               count(*)::int AS n, coalesce(extract(epoch FROM now() - min(CASE WHEN state = 'running' THEN attempted_at ELSE run_at END)), 0)::float8 AS oldest_age
        FROM occ_jobs GROUP BY 1, 2 ORDER BY 1, 2
        """)
    static let finishedSince = PostgresQuery("jobs_finished_since", """
        SELECT queue, state, count(*)::int AS n FROM occ_job_history WHERE finished_at > now() - $1::interval GROUP BY 1, 2 ORDER BY 1, 2
        """)
    static let upsertQueue = PostgresQuery("queues_upsert", """
        INSERT INTO occ_queues (name, global_concurrency, paused) VALUES ($1, $2, $3)
        ON CONFLICT (name) DO UPDATE SET global_concurrency = EXCLUDED.global_concurrency, paused = EXCLUDED.paused, updated_at = now()
        """)
}
