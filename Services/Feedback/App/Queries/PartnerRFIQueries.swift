import Domain
import Postgres
import ServiceKit

/// Statements on `partner_rfis` serving partners: each names the partner in scope as well as
/// relying on row-level security (only its own).
enum PartnerRFIQueries {
    /// $1 partner, after id $2, $3 status or NULL, at most $4.
    static let inbox = PostgresQuery(
        "partner_rfis_inbox",
        """
        SELECT \(PartnerRFI.columns) FROM partner_rfis f
        WHERE f.partner_id = $1 AND f.id > $2 AND ($3::text IS NULL OR f.status = $3)
        ORDER BY f.id LIMIT $4
        """)
    static let lock = PostgresQuery(
        "partner_rfis_lock",
        "SELECT \(PartnerRFI.columns), f.trace_id FROM partner_rfis f WHERE f.id = $1 AND f.partner_id = $2 FOR UPDATE")
    /// $3 answer, $4 the partner's key as audit events name it.
    static let answer = PostgresQuery(
        "partner_rfis_answer",
        """
        UPDATE partner_rfis SET status = 'answered', answer = $3, answered_by = $4, answered_at = now()
        WHERE id = $1 AND partner_id = $2 AND status = 'open'
        """)
    /// Restarts the SLA clock of RFI $1's tasking when it was the last open one (a row: the
    /// tasking's agency, the paused seconds added and the new effective deadline; none otherwise).
    static let resumeClock = PostgresQuery(
        "partner_rfis_resume_clock", "SELECT tasking_id, agency_code, paused_seconds, due_at FROM occ_rfi_answered_resume($1::bigint)")
}
