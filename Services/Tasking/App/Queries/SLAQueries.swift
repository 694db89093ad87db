import Postgres

/// The SLA sweep (migration 15's `occ_sla_sweep`): every flag it set at $1.
enum SLAQueries {
    static let sweep = PostgresQuery(
        "sla_sweep", "SELECT tasking_id, agency_code, flag, trace_id, due_at FROM occ_sla_sweep($1::timestamptz)")
}
