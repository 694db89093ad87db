import Postgres

/// Statements on `partners` for the feedback worker.
enum PartnerQueries {
    /// The partners of the sectors `$1`, for the "confirmed for your sector" collection.
    static let ofSectors = PostgresQuery("partners_of_sectors", """
        SELECT id, sector FROM partners WHERE sector = ANY ($1::text[]) ORDER BY id
        """)
}
