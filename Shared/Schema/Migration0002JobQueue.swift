/// The job queue's tables.
///
/// `occ_jobs` is the hot table: it holds only jobs still to run or running, so its indexes stay
/// small. Finished jobs move to `occ_job_history` in the same statement that finishes them.
/// Storage settings, because this table churns (insert, claim, delete) thousands of times a second:
/// - fillfactor 80 leaves room on each page for the claim's and heartbeat's new row versions;
/// - autovacuum runs after a fixed 5,000 dead rows (no scale factor: the table is always small)
///   with no cost delay, so dead tuples never pile up and index scans stay short.
/// The history table is append-mostly: fillfactor 100, a BRIN index for time-ranged pruning and a
/// partial index on discarded jobs, the only ones an operator looks up by id.
enum Migration0002JobQueue {
    static let sql = """
        CREATE TABLE occ_jobs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            queue text NOT NULL CHECK (length(queue) BETWEEN 1 AND 64),
            kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 128),
            args jsonb NOT NULL,
            metadata jsonb NOT NULL DEFAULT '{}',
            state text NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'scheduled', 'retryable', 'running')),
            priority smallint NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 4),
            run_at timestamptz NOT NULL DEFAULT now(),
            attempt integer NOT NULL DEFAULT 0,
            max_attempts integer NOT NULL DEFAULT 20 CHECK (max_attempts >= 1),
            attempted_at timestamptz,
            attempted_by text,
            lease_expires_at timestamptz,
            errors jsonb NOT NULL DEFAULT '[]',
            unique_key text,
            created_at timestamptz NOT NULL DEFAULT now()
        ) WITH (
            fillfactor = 80,
            autovacuum_vacuum_scale_factor = 0,
            autovacuum_vacuum_threshold = 5000,
            autovacuum_vacuum_insert_scale_factor = 0,
            autovacuum_vacuum_insert_threshold = 20000,
            autovacuum_analyze_scale_factor = 0,
            autovacuum_analyze_threshold = 20000,
            autovacuum_vacuum_cost_delay = 0
        );

        -- Claim order: per queue, highest priority first, then due time, then FIFO.
        CREATE INDEX occ_jobs_claim ON occ_jobs (queue, priority, run_at, id) WHERE state <> 'running';
        -- Rescuer and heartbeat look only at running jobs.
        CREATE INDEX occ_jobs_running ON occ_jobs (lease_expires_at) WHERE state = 'running';
        -- Unique jobs: one active job per key (finished jobs have left this table).
        CREATE UNIQUE INDEX occ_jobs_unique_key ON occ_jobs (unique_key) WHERE unique_key IS NOT NULL;

        CREATE TABLE occ_job_history (
            id bigint NOT NULL,
            queue text NOT NULL,
            kind text NOT NULL,
            args jsonb NOT NULL,
            metadata jsonb NOT NULL,
            state text NOT NULL CHECK (state IN ('completed', 'cancelled', 'discarded')),
            priority smallint NOT NULL,
            attempt integer NOT NULL,
            max_attempts integer NOT NULL,
            attempted_by text,
            errors jsonb NOT NULL,
            unique_key text,
            created_at timestamptz NOT NULL,
            attempted_at timestamptz,
            finished_at timestamptz NOT NULL DEFAULT now()
        ) WITH (
            fillfactor = 100,
            autovacuum_vacuum_insert_scale_factor = 0,
            autovacuum_vacuum_insert_threshold = 100000
        );
        CREATE INDEX occ_job_history_finished ON occ_job_history USING brin (finished_at);
        CREATE INDEX occ_job_history_dead ON occ_job_history (id) WHERE state <> 'completed';

        -- Per-queue settings: a global concurrency limit across all worker processes, and pause.
        CREATE TABLE occ_queues (
            name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
            global_concurrency integer CHECK (global_concurrency IS NULL OR global_concurrency > 0),
            paused boolean NOT NULL DEFAULT false,
            updated_at timestamptz NOT NULL DEFAULT now()
        );

        -- Periodic jobs: the row's next_run_at is claimed atomically, so one process enqueues each run.
        CREATE TABLE occ_periodic_jobs (
            name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 128),
            next_run_at timestamptz NOT NULL
        );

        GRANT SELECT, INSERT, UPDATE ON occ_periodic_jobs TO occ_enrichment, occ_tasking, occ_feedback, occ_operator;
        GRANT SELECT, INSERT, UPDATE, DELETE ON occ_jobs, occ_job_history
            TO occ_intake, occ_enrichment, occ_tasking, occ_feedback, occ_operator;
        GRANT SELECT ON occ_queues TO occ_intake, occ_enrichment, occ_tasking, occ_feedback;
        GRANT SELECT, INSERT, UPDATE, DELETE ON occ_queues TO occ_operator;
        """
}
