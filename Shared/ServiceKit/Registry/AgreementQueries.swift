import Postgres

/// Statements on `sharing_agreements` (and the partner standing they are granted by).
enum AgreementQueries {
    private static let columns = "id, partner_id, reference, gateways, valid_from, valid_to"
    static let all = PostgresQuery("sharing_agreements_all", "SELECT \(columns) FROM sharing_agreements ORDER BY partner_id, id")
    static let forPartner = PostgresQuery(
        "sharing_agreements_for_partner", "SELECT \(columns) FROM sharing_agreements WHERE partner_id = $1 ORDER BY id")
    static let insert = PostgresQuery(
        "sharing_agreements_insert",
        """
        INSERT INTO sharing_agreements (partner_id, reference, gateways, valid_from, valid_to)
        VALUES ($1, $2, $3::text[], coalesce($4::timestamptz, now()), $5)
        RETURNING \(columns)
        """)
    /// Ends an agreement now (or at its start, if it has not begun); an ended one keeps its date.
    static let end = PostgresQuery(
        "sharing_agreements_end",
        """
        UPDATE sharing_agreements SET valid_to = greatest(now(), valid_from)
        WHERE id = $1 AND (valid_to IS NULL OR valid_to > now())
        RETURNING \(columns)
        """)
    static let exists = PostgresQuery("sharing_agreements_exists", "SELECT \(columns) FROM sharing_agreements WHERE id = $1")
    static let partnerStanding = PostgresQuery(
        "partners_standing", "SELECT sector, regulated_sector, public_authority FROM partners WHERE id = $1")
    static let gatewaysUnknownOrRetired = PostgresQuery(
        "lawful_gateways_unusable",
        """
        SELECT code FROM unnest($1::text[]) AS code
        WHERE code NOT IN (SELECT g.code FROM lawful_gateways g WHERE g.retired_at IS NULL OR g.retired_at > now())
        ORDER BY code
        """)
}
