import Postgres

/// A partner's standing and the gateways of its agreements in force, for the gateway check.
enum StandingQueries {
    /// Run with the partner in scope: row-level security shows intake only that partner's agreements.
    static let standing = PostgresQuery(
        "intake_partner_standing",
        """
        SELECT p.sector, p.regulated_sector, p.public_authority,
               ARRAY(SELECT DISTINCT g FROM sharing_agreements a, unnest(a.gateways) AS g
                     WHERE a.partner_id = p.id AND a.valid_from <= now() AND (a.valid_to IS NULL OR a.valid_to > now())
                     ORDER BY g) AS gateways
        FROM partners p WHERE p.id = $1
        """)
}
