import Domain
import Postgres
import ServiceKit

/// Statements on `partner_rfis` used by the agency API; each filters by agency as well as
/// relying on row-level security.
enum PartnerRFIQueries {
    static let insert = PostgresQuery(
        "partner_rfis_insert",
        """
        INSERT INTO partner_rfis (tasking_id, agency_code, referral_id, partner_id, question, deadline, asked_by, asked_officer, trace_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        RETURNING \(PartnerRFI.columns.replacingOccurrences(of: "f.", with: ""))
        """)
    static let forTasking = PostgresQuery(
        "partner_rfis_for_tasking",
        "SELECT \(PartnerRFI.columns) FROM partner_rfis f WHERE f.tasking_id = $1 AND f.agency_code = $2 ORDER BY f.id LIMIT 1000")
    static let overdue = PostgresQuery(
        "partner_rfis_overdue",
        """
        SELECT \(PartnerRFI.columns) FROM partner_rfis f
        WHERE f.agency_code = $1 AND f.status = 'open' AND f.deadline < now() AND f.id > $2
        ORDER BY f.id LIMIT $3
        """)
}
