import Postgres

/// The overview's figures per agency team and per referring partner's sector, for the period
/// [$1, $2) with $3 the instant the snapshot figures are taken at (the period's end, or now if
/// sooner). A tasking is due in the period when its pause-adjusted deadline falls in [$1, $3);
/// it met its SLA when an outcome was recorded, or it was closed, by then. It is overdue at $3
/// when it is still open there with no outcome and its deadline has passed.
enum OverviewQueries {
    static let figures = PostgresQuery(
        "console_overview_figures",
        """
        WITH t AS (
            SELECT t.agency_code, p.sector, t.created_at, t.closed_at, t.sla_deadline + t.sla_paused_total AS due_at,
                   (SELECT min(o.recorded_at) FROM outcomes o WHERE o.tasking_id = t.id) AS outcome_at
            FROM taskings t JOIN referrals r ON r.id = t.referral_id JOIN partners p ON p.id = r.partner_id
            WHERE t.created_at < $3
        )
        SELECT CASE WHEN GROUPING(agency_code) = 0 THEN 'agency' ELSE 'sector' END AS dimension,
               coalesce(agency_code, sector) AS key,
               count(*) FILTER (WHERE created_at >= $1 AND created_at < $2) AS volume,
               count(*) FILTER (WHERE closed_at IS NULL OR closed_at >= $3) AS backlog,
               count(*) FILTER (WHERE due_at >= $1 AND due_at < $3) AS due,
               count(*) FILTER (WHERE due_at >= $1 AND due_at < $3 AND least(outcome_at, closed_at) <= due_at) AS met,
               count(*) FILTER (WHERE (closed_at IS NULL OR closed_at >= $3) AND (outcome_at IS NULL OR outcome_at >= $3)
                                  AND due_at < $3) AS overdue
        FROM t
        GROUP BY GROUPING SETS ((agency_code), (sector))
        """)
    /// Partner requests and RFIs open past their deadline at $1, per agency and sector addressed.
    static let overdueRequests = PostgresQuery(
        "console_overview_overdue_requests", "SELECT dimension, key, overdue FROM occ_console_overdue_requests($1::timestamptz)")
    static let agencies = PostgresQuery("console_overview_agencies", "SELECT code FROM agencies ORDER BY code")
}
