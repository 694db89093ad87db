import Postgres

extension PostgresConnection {
    /// Scopes the current transaction to `partnerID` for row-level security (`occ.partner_id`,
    /// transaction-local, so it cannot leak to the pooled connection's next user).
    public func scopeToPartner(_ partnerID: Int64) async throws {
        try await query(Self.partnerScopeQuery(partnerID))
    }

    /// The statement `scopeToPartner` runs, for callers that pipeline it with their own statements.
    public static func partnerScopeQuery(_ partnerID: Int64) -> PostgresQuery {
        RowLevelSecurityQueries.setPartner.binding(String(partnerID))
    }
}

/// Statements setting the row-level-security context.
enum RowLevelSecurityQueries {
    static let setPartner = PostgresQuery("rls_set_partner", "SELECT set_config('occ.partner_id', $1, true)")
}
