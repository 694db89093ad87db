import Postgres

/// The statements behind operator commands (`JobQueue+Admin`, `JobQueue+Inspect`).
enum AdminQueries {
    /// What every job listing shows; `finished_at` is NULL for waiting and running jobs, the
    /// run and lease times NULL for finished ones. Ages come from the server's clock.
    static let hotColumns = """
        id, queue, kind, state, priority, attempt, max_attempts, created_at, run_at, attempted_at, attempted_by,
        lease_expires_at, NULL::timestamptz AS finished_at, errors -> -1 ->> 'error' AS last_error,
        extract(epoch FROM now() - attempted_at)::float8 AS running_seconds,
        extract(epoch FROM lease_expires_at - now())::float8 AS lease_seconds_left
        """
    static let historyColumns = """
        id, queue, kind, state, priority, attempt, max_attempts, created_at, NULL::timestamptz AS run_at, attempted_at,
        attempted_by, NULL::timestamptz AS lease_expires_at, finished_at, errors -> -1 ->> 'error' AS last_error,
        NULL::float8 AS running_seconds, NULL::float8 AS lease_seconds_left
        """

    /// $1 state (NULL: every waiting and running job), $2 queue, $3 created more than this long ago, $4 limit.
    static let listHot = PostgresQuery("jobs_list_hot", """
        SELECT \(hotColumns) FROM occ_jobs
        WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR queue = $2)
          AND ($3::interval IS NULL OR created_at < now() - $3::interval)
        ORDER BY id LIMIT $4
        """)
    static let listHistory = PostgresQuery("jobs_list_history", """
        SELECT \(historyColumns) FROM occ_job_history
        WHERE state = $1 AND ($2::text IS NULL OR queue = $2) AND ($3::interval IS NULL OR created_at < now() - $3::interval)
        ORDER BY finished_at DESC LIMIT $4
        """)
    /// Running jobs that started more than $1 ago, longest-running first.
    static let stuck = PostgresQuery("jobs_stuck", """
        SELECT \(hotColumns) FROM occ_jobs
        WHERE state = 'running' AND attempted_at < now() - $1::interval AND ($2::text IS NULL OR queue = $2)
        ORDER BY attempted_at LIMIT $3
        """)
    /// One job wherever it is, with its arguments, metadata and whole error history.
    static let show = PostgresQuery("jobs_show", """
        SELECT \(hotColumns), jsonb_pretty(args) AS args, metadata::text AS metadata, errors::text AS errors, unique_key
        FROM occ_jobs WHERE id = $1
        UNION ALL
        SELECT \(historyColumns), jsonb_pretty(args) AS args, metadata::text AS metadata, errors::text AS errors, unique_key
        FROM occ_job_history WHERE id = $1
        LIMIT 1
        """)

    static let replay = PostgresQuery("jobs_replay", """
        WITH dead AS (DELETE FROM occ_job_history WHERE id = $1 AND state IN ('discarded', 'cancelled') RETURNING *)
        INSERT INTO occ_jobs (id, queue, kind, args, metadata, state, priority, run_at, attempt, max_attempts, errors, unique_key, created_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, queue, kind, args, metadata, 'available', priority, now(), 0, max_attempts, errors, unique_key, created_at FROM dead
        """)
    static let runNow = PostgresQuery("jobs_run_now", "UPDATE occ_jobs SET run_at = now() WHERE id = $1 AND state <> 'running'")
    /// A running job back to the queue now ($2: the error entry saying so); its attempt keeps counting.
    static let releaseRunning = PostgresQuery("jobs_release_running", """
        UPDATE occ_jobs SET state = 'retryable', run_at = now(), attempted_by = NULL, lease_expires_at = NULL,
            errors = errors || jsonb_build_array($2::jsonb || jsonb_build_object('attempt', attempt))
        WHERE id = $1 AND state = 'running'
        """)
    static let endWaiting = PostgresQuery("jobs_end_waiting", JobQueries.moveToHistory(
        where: "WHERE j.id = $1 AND j.state <> 'running'", state: "$2::text", extraError: "jsonb_build_array($3::jsonb)"))
    static let endAny = PostgresQuery("jobs_end_any", JobQueries.moveToHistory(
        where: "WHERE j.id = $1", state: "$2::text", extraError: "jsonb_build_array($3::jsonb)"))

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
