import Postgres

/// What the suite counts, from the database. A referral of a fault's window is any received while
/// its load ran, or acknowledged to a partner then. Each stage leaves two witnesses in the same
/// transaction as its work: an audit event and its job's completion in `occ_job_history`; exactly
/// once means one of each, never two. Job arguments hold UUIDs as JSON encodes them (upper case),
/// hence `lower(...)` against PostgreSQL's lower-case text.
enum FaultAccountingQueries {
    static let pipelineQueues = ["enrichment", "tasking", "feedback"]

    /// $1, $2: the window; $3: acknowledged referral ids; $4: when the system recovered.
    static let referrals = PostgresQuery("faults_account_referrals", """
        WITH r AS (
            SELECT id, received_at FROM referrals WHERE received_at BETWEEN $1 AND $2
            UNION
            SELECT id, received_at FROM referrals WHERE id = ANY($3::uuid[])
        ), audit AS (
            SELECT subject_id,
                   count(*) FILTER (WHERE action = 'referral.received') AS received,
                   count(*) FILTER (WHERE action = 'referral.enriched') AS enriched,
                   count(*) FILTER (WHERE action = 'referral.tasked') AS tasked
            FROM audit_log WHERE subject_type = 'referral' AND subject_id IN (SELECT id::text FROM r)
            GROUP BY subject_id
        ), runs AS (
            SELECT lower(args->>'referral_id') AS referral_id,
                   count(*) FILTER (WHERE kind = 'enrich_referral' AND state = 'completed') AS enrich_runs,
                   -- First routings only: a network's growth legitimately routes a referral again (args.reason).
                   count(*) FILTER (WHERE kind = 'task_referral' AND state = 'completed' AND args->>'reason' IS NULL) AS task_runs,
                   count(*) FILTER (WHERE state <> 'completed') AS dead
            FROM occ_job_history
            WHERE kind IN ('enrich_referral', 'task_referral') AND lower(args->>'referral_id') IN (SELECT id::text FROM r)
            GROUP BY 1
        ), pending AS (
            SELECT DISTINCT lower(args->>'referral_id') AS referral_id FROM occ_jobs WHERE kind IN ('enrich_referral', 'task_referral')
        ), per AS (
            SELECT r.received_at,
                   EXISTS (SELECT 1 FROM referral_scores s WHERE s.referral_id = r.id) AS enriched,
                   (SELECT min(t.created_at) FROM taskings t WHERE t.referral_id = r.id) AS tasked_at,
                   coalesce(a.received, 0) AS received_events, coalesce(a.enriched, 0) AS enriched_events,
                   coalesce(a.tasked, 0) AS tasked_events, coalesce(j.enrich_runs, 0) AS enrich_runs,
                   coalesce(j.task_runs, 0) AS task_runs, coalesce(j.dead, 0) AS dead, p.referral_id IS NOT NULL AS pending
            FROM r LEFT JOIN audit a ON a.subject_id = r.id::text LEFT JOIN runs j ON j.referral_id = r.id::text
                   LEFT JOIN pending p ON p.referral_id = r.id::text
        )
        SELECT count(*)::int AS referrals,
               count(*) FILTER (WHERE enriched AND tasked_at IS NOT NULL)::int AS complete,
               count(*) FILTER (WHERE NOT (enriched AND tasked_at IS NOT NULL) AND pending)::int AS stranded,
               count(*) FILTER (WHERE NOT (enriched AND tasked_at IS NOT NULL) AND NOT pending)::int AS lost,
               count(*) FILTER (WHERE dead > 0)::int AS dead_lettered,
               count(*) FILTER (WHERE received_events > 1 OR enriched_events > 1 OR tasked_events > 1
                                OR enrich_runs > 1 OR task_runs > 1)::int AS duplicated,
               count(*) FILTER (WHERE enriched AND tasked_at IS NOT NULL
                                AND (received_events = 0 OR enriched_events = 0 OR tasked_events = 0
                                     OR enrich_runs = 0 OR task_runs = 0))::int AS unwitnessed,
               coalesce(max(extract(epoch FROM tasked_at - received_at)), 0)::float8 AS slowest,
               coalesce(max(extract(epoch FROM tasked_at - greatest(received_at, $4::timestamptz))), 0)::float8 AS slowest_after_recovery
        FROM per
        """)

    /// Acknowledged referrals with no row at all.
    static let missing = PostgresQuery("faults_account_missing", """
        SELECT count(*)::int FROM unnest($1::uuid[]) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = a.id)
        """)

    /// $1, $2: the window; $3: outcome ids the API acknowledged.
    static let outcomes = PostgresQuery("faults_account_outcomes", """
        WITH o AS (
            SELECT id FROM outcomes WHERE recorded_at BETWEEN $1 AND $2
            UNION
            SELECT id FROM outcomes WHERE id = ANY($3::int8[])
        ), audit AS (
            SELECT subject_id, count(*) AS written FROM audit_log
            WHERE subject_type = 'outcome' AND action = 'feedback.written' AND subject_id IN (SELECT id::text FROM o)
            GROUP BY 1
        ), runs AS (
            SELECT args->>'outcome_id' AS outcome_id, count(*) FILTER (WHERE state = 'completed') AS runs,
                   count(*) FILTER (WHERE state <> 'completed') AS dead
            FROM occ_job_history WHERE kind = 'deliver_feedback' AND args->>'outcome_id' IN (SELECT id::text FROM o)
            GROUP BY 1
        ), pending AS (
            SELECT DISTINCT args->>'outcome_id' AS outcome_id FROM occ_jobs WHERE kind = 'deliver_feedback'
        ), per AS (
            SELECT coalesce(a.written, 0) AS written, coalesce(j.runs, 0) AS runs, coalesce(j.dead, 0) AS dead,
                   p.outcome_id IS NOT NULL AS pending,
                   EXISTS (SELECT 1 FROM feedback_items f WHERE f.outcome_id = o.id) AS has_items
            FROM o LEFT JOIN audit a ON a.subject_id = o.id::text LEFT JOIN runs j ON j.outcome_id = o.id::text
                   LEFT JOIN pending p ON p.outcome_id = o.id::text
        )
        SELECT count(*)::int AS outcomes,
               count(*) FILTER (WHERE written >= 1 AND runs >= 1 AND has_items)::int AS complete,
               count(*) FILTER (WHERE NOT (written >= 1 AND runs >= 1 AND has_items) AND pending)::int AS stranded,
               count(*) FILTER (WHERE NOT (written >= 1 AND runs >= 1 AND has_items) AND NOT pending)::int AS lost,
               count(*) FILTER (WHERE dead > 0)::int AS dead_lettered,
               count(*) FILTER (WHERE written > 1 OR runs > 1)::int AS duplicated
        FROM per
        """)

    static let missingOutcomes = PostgresQuery("faults_account_missing_outcomes", """
        SELECT count(*)::int FROM unnest($1::int8[]) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.id = a.id)
        """)

    /// Jobs of the pipeline's queues still in the hot table, by state; $2: jobs left by earlier faults, not counted again.
    static let jobsLeft = PostgresQuery("faults_jobs_left", """
        SELECT state, count(*)::int AS n FROM occ_jobs WHERE queue = ANY($1::text[]) AND id <> ALL($2::int8[])
        GROUP BY state ORDER BY state
        """)
    static let jobsLeftIDs = PostgresQuery("faults_jobs_left_ids", "SELECT id FROM occ_jobs WHERE queue = ANY($1::text[]) ORDER BY id")
    static let jobsLeftSample = PostgresQuery("faults_jobs_left_sample", """
        SELECT format('%s job %s %s, attempt %s, by %s, lease %s, errors %s', kind, id, state, attempt, coalesce(attempted_by, '-'),
                      coalesce(CASE WHEN lease_expires_at > now() THEN 'expires in ' ELSE 'expired ' END
                               || round(abs(extract(epoch FROM lease_expires_at - now())))
                               || CASE WHEN lease_expires_at > now() THEN ' s' ELSE ' s ago' END, 'none'),
                      jsonb_array_length(errors)) AS line
        FROM occ_jobs WHERE queue = ANY($1::text[]) AND id <> ALL($2::int8[]) ORDER BY id LIMIT 3
        """)

    /// Up to three outcomes of the window ($1, $2, $3 as for `outcomes`) whose feedback is not
    /// complete, each with what the database holds about its delivery, so a failure explains itself.
    static let incompleteOutcomesSample = PostgresQuery("faults_incomplete_outcomes_sample", """
        WITH o AS (
            SELECT id FROM outcomes WHERE recorded_at BETWEEN $1 AND $2
            UNION
            SELECT id FROM outcomes WHERE id = ANY($3::int8[])
        ), per AS (
            SELECT o.id, x.tasking_id, x.kind, x.recorded_at, t.referral_id,
                   (SELECT count(*) FROM audit_log a WHERE a.subject_type = 'outcome' AND a.action = 'feedback.written'
                    AND a.subject_id = o.id::text) AS written,
                   (SELECT string_agg(a.event::jsonb #>> '{detail,recipients}', ',') FROM audit_log a WHERE a.subject_type = 'outcome'
                    AND a.action = 'feedback.written' AND a.subject_id = o.id::text) AS recipients,
                   (SELECT string_agg(h.state || '@' || h.attempt, ',') FROM occ_job_history h
                    WHERE h.kind = 'deliver_feedback' AND h.args->>'outcome_id' = o.id::text) AS runs,
                   (SELECT string_agg(j.state, ',') FROM occ_jobs j
                    WHERE j.kind = 'deliver_feedback' AND j.args->>'outcome_id' = o.id::text) AS pending,
                   (SELECT count(*) FROM feedback_items f WHERE f.outcome_id = o.id) AS items,
                   (SELECT count(*) FROM feedback_items f WHERE f.referral_id = t.referral_id) AS referral_items
            FROM o JOIN outcomes x ON x.id = o.id JOIN taskings t ON t.id = x.tasking_id
        )
        SELECT format('outcome %s (%s, tasking %s, recorded %s): feedback.written %s (recipients %s), deliver_feedback history %s, '
                      || 'pending %s, items %s, items for its referral %s',
                      id, kind, tasking_id, recorded_at, written, coalesce(recipients, '-'), coalesce(runs, 'none'),
                      coalesce(pending, 'none'), items, referral_items) AS line
        FROM per WHERE NOT (written >= 1 AND runs IS NOT NULL AND items > 0) ORDER BY id LIMIT 3
        """)

    /// Pipeline jobs (but those of $2) and unchained audit rows still to be dealt with.
    static let unfinished = PostgresQuery("faults_unfinished", """
        SELECT (SELECT count(*) FROM occ_jobs WHERE queue = ANY($1::text[]) AND id <> ALL($2::int8[]))::int
               + (SELECT count(*) FROM audit_log WHERE chain_seq IS NULL)::int
        """)

    /// Referrals whose first tasking fell in [$1, $2).
    static let taskedBetween = PostgresQuery("faults_tasked_between", """
        SELECT count(*)::int FROM (SELECT min(created_at) AS at FROM taskings GROUP BY referral_id) f WHERE at >= $1 AND at < $2
        """)
}
