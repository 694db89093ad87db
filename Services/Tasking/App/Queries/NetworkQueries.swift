import Postgres

/// Statements on networks, for the agency API.
enum NetworkQueries {
    static let view = PostgresQuery("networks_view", "SELECT occ_network_view($1)::text AS view")
}
