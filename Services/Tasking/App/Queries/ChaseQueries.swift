import Postgres

/// The chase job's one statement, over `partner_requests` and `partner_rfis` through
/// `occ_chase_overdue` (the worker's login holds no grant on either table).
enum ChaseQueries {
    /// Stamps and returns up to $1 newly overdue requests and up to $1 RFIs.
    static let chase = PostgresQuery(
        "partner_requests_chase", "SELECT item, id, agency_code, tasking_id, deadline, trace_id FROM occ_chase_overdue($1)")
}
