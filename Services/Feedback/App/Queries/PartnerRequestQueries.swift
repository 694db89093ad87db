import Domain
import Postgres
import ServiceKit

/// Statements on `partner_requests` serving partners: each names the partner in scope as well
/// as relying on row-level security (only requests addressed to it).
enum PartnerRequestQueries {
    /// $1 partner, after id $2, $3 status or NULL, at most $4.
    static let inbox = PostgresQuery(
        "partner_requests_inbox",
        """
        SELECT \(PartnerRequest.columns) FROM partner_requests r
        JOIN partner_request_recipients x ON x.request_id = r.id AND x.partner_id = $1
        WHERE r.id > $2 AND ($3::text IS NULL OR r.status = $3)
        ORDER BY r.id LIMIT $4
        """)
    static let lockAddressed = PostgresQuery(
        "partner_requests_lock_addressed",
        """
        SELECT \(PartnerRequest.columns), r.trace_id FROM partner_requests r
        WHERE r.id = $1 AND EXISTS (SELECT 1 FROM partner_request_recipients x WHERE x.request_id = r.id AND x.partner_id = $2)
        FOR UPDATE OF r
        """)
    static let acknowledge = PostgresQuery(
        "partner_requests_acknowledge",
        "UPDATE partner_requests SET status = 'acknowledged', acknowledged_at = now() WHERE id = $1 AND status = 'raised'")
    /// $2 partner, $3 completed at, $4 amount, $5 currency, $6 reference.
    static let complete = PostgresQuery(
        "partner_requests_complete",
        """
        UPDATE partner_requests SET status = 'completed', acted_by = $2, acted_at = now(), completed_at = $3,
            amount = $4::numeric, currency = $5, evidence_reference = $6
        WHERE id = $1 AND status IN ('raised', 'acknowledged')
        """)
    static let decline = PostgresQuery(
        "partner_requests_decline",
        """
        UPDATE partner_requests SET status = 'declined', acted_by = $2, acted_at = now(), declined_reason = $3
        WHERE id = $1 AND status IN ('raised', 'acknowledged')
        """)
}
