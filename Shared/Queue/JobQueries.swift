import Postgres

/// Every statement the queue runs, named and grouped here. Values are always bound parameters.
enum JobQueries {
    static let historyColumns = "id, queue, kind, args, metadata, state, priority, attempt, max_attempts, attempted_by, errors, unique_key, created_at, attempted_at"
    static let recordColumns = "id, queue, kind, args::text AS args, metadata::text AS metadata, priority, attempt, max_attempts, created_at"

    // MARK: insert

    static let insertValues = """
        INSERT INTO occ_jobs (queue, kind, args, metadata, state, priority, run_at, max_attempts, unique_key)
        SELECT q, k, a::jsonb, m::jsonb, CASE WHEN r > now() THEN 'scheduled' ELSE 'available' END, p, coalesce(r, now()), ma, u
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::int2[], $7::int4[], $8::text[])
            AS t(q, k, a, m, r, p, ma, u)
        ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
        RETURNING id, unique_key
        """
    static let insertMany = PostgresQuery("jobs_insert", insertValues)
    /// The same insert, waking listening workers when it commits.
    static let insertManyNotify = PostgresQuery("jobs_insert_notify", """
        WITH inserted AS (\(insertValues))
        SELECT inserted.id, inserted.unique_key FROM inserted, pg_notify('occ_jobs', $9)
        """)
    static let existingUnique = PostgresQuery("jobs_existing_unique", "SELECT id, unique_key FROM occ_jobs WHERE unique_key = ANY($1::text[])")
    static let notify = PostgresQuery("jobs_notify", "SELECT pg_notify('occ_jobs', $1)")

    // MARK: claim and finish

    static let claim = PostgresQuery("jobs_claim", """
        WITH picked AS (
            SELECT id FROM occ_jobs
            WHERE queue = $1 AND state <> 'running' AND run_at <= now()
            ORDER BY priority, run_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
        )
        UPDATE occ_jobs j
        SET state = 'running', attempt = j.attempt + 1, attempted_at = now(), attempted_by = $3,
            lease_expires_at = now() + $4::interval
        FROM picked WHERE j.id = picked.id
        RETURNING j.id, j.queue, j.kind, j.args::text AS args, j.metadata::text AS metadata, j.priority, j.attempt, j.max_attempts, j.created_at
        """)
    static let queueSettings = PostgresQuery("jobs_queue_settings", "SELECT global_concurrency, paused FROM occ_queues WHERE name = $1")
    static let lockQueue = PostgresQuery("jobs_lock_queue", "SELECT pg_advisory_xact_lock(hashtext('occ_queue:' || $1))")
    static let countRunning = PostgresQuery("jobs_count_running", "SELECT count(*) AS n FROM occ_jobs WHERE queue = $1 AND state = 'running'")

    static func moveToHistory(where condition: String, state: String, extraError: String? = nil) -> String {
        let errors = extraError.map { "errors || \($0)" } ?? "errors"
        return """
            WITH done AS (DELETE FROM occ_jobs j \(condition) RETURNING j.*)
            INSERT INTO occ_job_history (\(historyColumns))
            SELECT id, queue, kind, args, metadata, \(state), priority, attempt, max_attempts, attempted_by, \(errors), unique_key, created_at, attempted_at
            FROM done
            """
    }

    /// No join: the hot table's statistics swing with every burst, and a join against `unnest`
    /// planned on stale ones turns quadratic. `id = ANY` walks the primary key; the attempt guard
    /// is a hashed `= ANY` over "id:attempt" keys, linear whatever the planner believes.
    static let completeMany = PostgresQuery("jobs_complete_many", moveToHistory(
        where: "WHERE j.id = ANY($1::int8[]) AND j.state = 'running' AND (j.id || ':' || j.attempt) = ANY($2::text[])",
        state: "'completed'"))
    static let completeOne = PostgresQuery("jobs_complete_one", moveToHistory(
        where: "WHERE j.id = $1 AND j.attempt = $2 AND j.state = 'running'", state: "'completed'"))
    /// Ends a running attempt for good ($3: 'cancelled' or 'discarded') with an error entry ($4).
    static let finishRunning = PostgresQuery("jobs_finish_running", moveToHistory(
        where: "WHERE j.id = $1 AND j.attempt = $2 AND j.state = 'running'", state: "$3::text", extraError: "jsonb_build_array($4::jsonb)"))
    static let retry = PostgresQuery("jobs_retry", """
        UPDATE occ_jobs SET state = 'retryable', run_at = now() + $3::interval, errors = errors || jsonb_build_array($4::jsonb),
            attempted_by = NULL, lease_expires_at = NULL
        WHERE id = $1 AND attempt = $2 AND state = 'running'
        """)
    static let snooze = PostgresQuery("jobs_snooze", """
        UPDATE occ_jobs SET state = 'scheduled', run_at = now() + $3::interval, attempt = attempt - 1,
            attempted_by = NULL, lease_expires_at = NULL
        WHERE id = $1 AND attempt = $2 AND state = 'running'
        """)

    // MARK: leases

    /// Extends the leases of the jobs this process has in flight ($2 ids, $3 "id:attempt" keys),
    /// and no others: a row it still owns but gave up on must lapse so the rescuer returns it.
    /// The attempt guard is the same join-free `= ANY` over keys as `completeMany`.
    static let heartbeat = PostgresQuery("jobs_heartbeat", """
        UPDATE occ_jobs SET lease_expires_at = now() + $4::interval
        WHERE id = ANY($2::int8[]) AND state = 'running' AND attempted_by = $1 AND (id || ':' || attempt) = ANY($3::text[])
        """)
    /// Returns expired-lease jobs with attempts left to the queue; the attempt must still match
    /// what was seen, so a job that finished meanwhile is never touched.
    static let rescue = PostgresQuery("jobs_rescue", """
        WITH stale AS (
            SELECT id, attempt FROM occ_jobs
            WHERE state = 'running' AND lease_expires_at < now() AND attempt < max_attempts
            ORDER BY lease_expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED
        )
        UPDATE occ_jobs j SET state = 'retryable', run_at = now(), attempted_by = NULL, lease_expires_at = NULL,
            errors = j.errors || jsonb_build_array(jsonb_build_object(
                'at', now(), 'attempt', j.attempt, 'error', 'lease expired: worker ' || coalesce(j.attempted_by, '?') || ' presumed dead'))
        FROM stale WHERE j.id = stale.id AND j.attempt = stale.attempt AND j.state = 'running'
        """)
    static let rescueExhausted = PostgresQuery("jobs_rescue_exhausted", moveToHistory(
        where: """
            WHERE j.id IN (SELECT id FROM occ_jobs WHERE state = 'running' AND lease_expires_at < now()
                           AND attempt >= max_attempts LIMIT 1000 FOR UPDATE SKIP LOCKED)
            """,
        state: "'discarded'",
        extraError: "jsonb_build_array(jsonb_build_object('at', now(), 'attempt', attempt, 'error', 'lease expired on the last attempt'))"))
    static let pruneHistory = PostgresQuery("jobs_prune_history", """
        DELETE FROM occ_job_history WHERE ctid = ANY(ARRAY(
            SELECT ctid FROM occ_job_history WHERE finished_at < now() - $1::interval LIMIT $2))
        """)
}

extension JobQueries {
    static let release = PostgresQuery("jobs_release", """
        UPDATE occ_jobs SET state = 'retryable', run_at = now(), attempted_by = NULL, lease_expires_at = NULL,
            errors = errors || jsonb_build_array(jsonb_build_object('at', now(), 'attempt', attempt, 'error', 'worker shut down mid-job'))
        WHERE state = 'running' AND attempted_by = $1
        """)
}

extension JobQueries {
    static let registerPeriodic = PostgresQuery("periodic_register", """
        INSERT INTO occ_periodic_jobs (name, next_run_at) VALUES ($1, now()) ON CONFLICT (name) DO NOTHING
        """)
    /// Claims the due run of a periodic job: only one process's UPDATE matches.
    static let claimPeriodic = PostgresQuery("periodic_claim", """
        UPDATE occ_periodic_jobs SET next_run_at = now() + $2::interval WHERE name = $1 AND next_run_at <= now()
        """)
}
