import Postgres

/// Statements on `taskings`. Agency-facing ones filter by agency as well as relying on RLS.
enum TaskingQueries {
    /// The worker creates a tasking per route; routing the referral again (its network grew)
    /// never duplicates one, but raises an open tasking's priority when the route is more urgent
    /// (the deadline moves forward only). Returns a row only for a tasking created or raised.
    static let upsert = PostgresQuery(
        "taskings_upsert",
        """
        INSERT INTO taskings AS t (referral_id, agency_code, priority, sla_deadline, rule_ids, created_at)
        VALUES ($1, $2, $3, $4, $5::text[], $6)
        ON CONFLICT (referral_id, agency_code) DO UPDATE SET
            priority = excluded.priority, sla_deadline = least(t.sla_deadline, excluded.sla_deadline), rule_ids = excluded.rule_ids
        WHERE excluded.priority < t.priority AND t.status <> 'closed'
        RETURNING t.agency_code, t.priority, t.created_at = $6 AS created
        """)
    /// What lists show: the work and its urgency (the SLA's flags and pause-adjusted due time),
    /// the deconfliction flag, none of the referral's content.
    private static let summary = """
        SELECT t.id, t.referral_id, r.reference, r.crime_type, r.tlp, s.score, s.distinct_partners,
               t.priority, t.status, t.sla_deadline, t.rule_ids, t.created_at, t.accepted_at, t.closed_at, t.closed_reason,
               t.sla_deadline + t.sla_paused_total AS sla_due_at, t.sla_paused_since, t.sla_warned_at, t.sla_overdue_at,
               extract(epoch FROM t.sla_paused_total)::float8 AS sla_paused_seconds,
               d.network_id AS deconfliction_network, d.agencies AS deconfliction_agencies, d.lead_agency AS deconfliction_lead
        """
    private static let joins = """
         FROM taskings t JOIN referrals r ON r.id = t.referral_id JOIN referral_scores s ON s.referral_id = t.referral_id
         LEFT JOIN LATERAL occ_tasking_deconfliction(t.referral_id) d ON true
        """
    /// One page of the agency's work list in (priority, deadline, id) order: $2 status and $3
    /// priority filter when not NULL; rows after the cursor ($4 priority, $5 deadline in whole
    /// µs since 1970, split into seconds and µs so the instant is rebuilt exactly, $6 id) when
    /// $4 is not NULL; at most $7 rows; $8 `warning` or `overdue` (open taskings so flagged, the
    /// overdue ones being the supervisor list) when not NULL.
    static let listForAgency = PostgresQuery(
        "taskings_list_for_agency",
        summary + ", (extract(epoch FROM t.sla_deadline) * 1000000)::bigint AS deadline_us" + joins + """
             WHERE t.agency_code = $1
              AND ($2::text IS NULL OR t.status = $2)
              AND ($3::text IS NULL OR t.priority = $3)
              AND ($8::text IS NULL OR (t.status <> 'closed' AND CASE $8 WHEN 'overdue' THEN t.sla_overdue_at IS NOT NULL
                                         ELSE t.sla_warned_at IS NOT NULL AND t.sla_overdue_at IS NULL END))
              AND ($4::text IS NULL OR (t.priority, t.sla_deadline, t.id) > (
                    $4, 'epoch'::timestamptz + ($5::bigint / 1000000) * interval '1 second'
                        + ($5::bigint % 1000000) * interval '1 microsecond', $6::uuid))
            ORDER BY t.priority, t.sla_deadline, t.id
            LIMIT $7
            """)
    static let summaryForAgency = PostgresQuery(
        "taskings_summary_for_agency", summary + joins + " WHERE t.id = $1 AND t.agency_code = $2")
    /// A detail read adds the referral's canonical content, its trace id (for the audit event) and
    /// the registry's account of its gateway (NULL columns if the code is not in the registry).
    static let detailForAgency = PostgresQuery(
        "taskings_detail_for_agency",
        summary + """
            , r.canonical::text AS canonical, r.trace_id, r.gateway, g.title AS gateway_title,
            g.citation AS gateway_citation, g.onward_disclosure AS gateway_onward_disclosure,
            w.reason AS withdrawn_reason, w.withdrawn_at,
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'reason', c.reason, 'removed', c.removed_keys,
                        'corrected_at', to_char(c.corrected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                    ORDER BY c.corrected_at, c.id), '[]')::text
             FROM referral_corrections c WHERE c.referral_id = r.id) AS corrections
            """ + joins + """
             LEFT JOIN lawful_gateways g ON g.code = r.gateway LEFT JOIN referral_withdrawals w ON w.referral_id = r.id
            WHERE t.id = $1 AND t.agency_code = $2
            """)
    static let accept = PostgresQuery(
        "taskings_accept",
        "UPDATE taskings SET status = 'accepted', accepted_at = now() WHERE id = $1 AND agency_code = $2 AND status = 'new'")
    /// Locks the referral, then its tasking: the order the routing worker takes them in (it locks
    /// the referral to re-route it, then upserts its taskings), so the two never deadlock. The
    /// locking subquery is not flattened, so its row lock is taken before the join yields `t`.
    static let lockForAgency = PostgresQuery(
        "taskings_lock_for_agency",
        """
        SELECT t.status, t.referral_id, r.trace_id
          FROM (SELECT id, trace_id FROM referrals
                 WHERE id = (SELECT referral_id FROM taskings WHERE id = $1 AND agency_code = $2)
                 FOR UPDATE) r
          JOIN taskings t ON t.referral_id = r.id
         WHERE t.id = $1 AND t.agency_code = $2
        FOR UPDATE OF t
        """)
    /// After an outcome: a new tasking counts as accepted; an outcome never closes one.
    static let advance = PostgresQuery(
        "taskings_advance",
        "UPDATE taskings SET status = 'accepted', accepted_at = coalesce(accepted_at, now()) WHERE id = $1 AND status <> 'closed'")
    /// An officer's decision to close: $3 the reason, $4 the officer as the audit log names them.
    static let close = PostgresQuery(
        "taskings_close",
        """
        UPDATE taskings SET status = 'closed', closed_at = now(), closed_reason = $3, closed_by = $4
        WHERE id = $1 AND agency_code = $2 AND status <> 'closed'
        """)
}
