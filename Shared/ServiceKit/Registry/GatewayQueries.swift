import Postgres

/// Statements on `lawful_gateways`.
enum GatewayQueries {
    private static let columns = """
        code, title, citation, invoker_sectors, invoker_regulated_sector, invoker_public_authority,
        permitted_agencies, onward_disclosure, retired_at
        """
    static let all = PostgresQuery("lawful_gateways_all", "SELECT \(columns) FROM lawful_gateways ORDER BY code")
    static let byCode = PostgresQuery("lawful_gateways_by_code", "SELECT \(columns) FROM lawful_gateways WHERE code = $1")
    static let insert = PostgresQuery(
        "lawful_gateways_insert",
        """
        INSERT INTO lawful_gateways (code, title, citation, invoker_sectors, invoker_regulated_sector,
                                     invoker_public_authority, permitted_agencies, onward_disclosure)
        VALUES ($1, $2, $3, $4::text[], $5, $6, $7::text[], $8)
        ON CONFLICT (code) DO NOTHING
        RETURNING \(columns)
        """)
    /// Retiring twice keeps the first date.
    static let retire = PostgresQuery(
        "lawful_gateways_retire",
        "UPDATE lawful_gateways SET retired_at = coalesce(retired_at, now()) WHERE code = $1 RETURNING \(columns)")
    static let unknownAgencies = PostgresQuery(
        "agencies_unknown", "SELECT code FROM unnest($1::text[]) AS code WHERE code NOT IN (SELECT code FROM agencies) ORDER BY code")
}
