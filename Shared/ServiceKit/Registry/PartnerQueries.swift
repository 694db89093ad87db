import Postgres

/// Statements on `partners` and `agencies`.
enum PartnerQueries {
    static let insert = PostgresQuery(
        "partners_insert",
        """
        INSERT INTO partners (name, sector, regulated_sector, public_authority) VALUES ($1, $2, $3, $4)
        RETURNING id, name, sector, created_at
        """)
    static let list = PostgresQuery("partners_list", "SELECT id, name, sector, created_at FROM partners ORDER BY id")
    static let agencies = PostgresQuery("agencies_list", "SELECT code, name FROM agencies ORDER BY code")
    static let agencyExists = PostgresQuery("agencies_exists", "SELECT 1 FROM agencies WHERE code = $1")
}
