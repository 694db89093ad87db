import Postgres

/// Statements on networks, for the agency API.
enum NetworkQueries {
    static let view = PostgresQuery("networks_view", "SELECT occ_network_view($1)::text AS view")
    /// $1 network, $2 the agency to lead it, $3 the officer as the audit log names them.
    static let designateLead = PostgresQuery(
        "network_designate_lead", "SELECT outcome, network_id, previous_lead FROM occ_network_designate_lead($1, $2, $3)")
}
