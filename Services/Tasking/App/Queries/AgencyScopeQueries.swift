import Postgres

/// Statements setting the agency row-level-security context.
enum AgencyScopeQueries {
    static let setAgency = PostgresQuery("rls_set_agency", "SELECT set_config('occ.agency_code', $1, true)")
}

extension PostgresConnection {
    /// Scopes the current transaction to `agencyCode` for row-level security (`occ.agency_code`,
    /// transaction-local, so it cannot leak to the pooled connection's next user).
    func scopeToAgency(_ agencyCode: String) async throws {
        try await query(AgencyScopeQueries.setAgency.binding(agencyCode))
    }
}
