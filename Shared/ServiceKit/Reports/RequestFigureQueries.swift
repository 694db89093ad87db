import Postgres

/// The facts behind the benefits report's request figures (`RequestFigures`), through
/// `occ_request_facts` (neither feedback nor the operator reads requests across partners itself).
public enum RequestFigureQueries {
    /// One row per request raised in [$1, $2) (NULL: open-ended).
    public static let facts = PostgresQuery(
        "request_figures_facts",
        """
        SELECT addressed_sectors, completed_sector, status, raised_at, deadline, completed_at,
               addressed_partners, completed_partner, crime_type, agency_code
        FROM occ_request_facts($1::timestamptz, $2::timestamptz)
        """)
}
