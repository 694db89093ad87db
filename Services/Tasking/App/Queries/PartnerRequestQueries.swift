import Domain
import Postgres
import ServiceKit

/// Statements on `partner_requests` and `partner_request_recipients` used by the agency API;
/// each filters by agency as well as relying on row-level security.
enum PartnerRequestQueries {
    /// The tasking's referral, as a request on it needs it: its indicators and markings.
    static let referralForTasking = PostgresQuery(
        "partner_requests_referral",
        """
        SELECT r.id, r.partner_id, r.canonical::text AS canonical, r.trace_id, t.status
        FROM taskings t JOIN referrals r ON r.id = t.referral_id
        WHERE t.id = $1 AND t.agency_code = $2
        FOR UPDATE OF t
        """)
    static let kinds = PostgresQuery("request_kinds_all", "SELECT code, title, acting_sectors, indicator_kinds FROM request_kinds ORDER BY code")
    static let gateways = PostgresQuery("partner_requests_gateways", "SELECT code FROM lawful_gateways WHERE retired_at IS NULL")
    /// $1 tasking, $2 indicator key, $3 acting sectors.
    static let candidates = PostgresQuery(
        "partner_requests_candidates", "SELECT partner_id, sector, holds FROM occ_request_candidates($1, $2, $3::text[])")
    static let insert = PostgresQuery(
        "partner_requests_insert",
        """
        INSERT INTO partner_requests (tasking_id, agency_code, kind, indicator_kind, indicator_value, indicator_key, gateway, tlp,
                                      deadline, note, raised_by, raised_officer, trace_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        RETURNING id
        """)
    /// $1 request, $2 partner ids, $3 whether each holds the indicator.
    static let address = PostgresQuery(
        "partner_request_recipients_insert",
        """
        INSERT INTO partner_request_recipients (request_id, partner_id, holds)
        SELECT $1, p, h FROM unnest($2::bigint[], $3::boolean[]) AS a (p, h)
        """)
    static let one = PostgresQuery(
        "partner_requests_one", "SELECT \(PartnerRequest.columns) FROM partner_requests r WHERE r.id = $1 AND r.agency_code = $2")
    static let forTasking = PostgresQuery(
        "partner_requests_for_tasking",
        "SELECT \(PartnerRequest.columns) FROM partner_requests r WHERE r.tasking_id = $1 AND r.agency_code = $2 ORDER BY r.id LIMIT 1000")
    /// The agency's open requests past their deadline, after id $2, at most $3.
    static let overdue = PostgresQuery(
        "partner_requests_overdue",
        """
        SELECT \(PartnerRequest.columns) FROM partner_requests r
        WHERE r.agency_code = $1 AND r.status IN ('raised', 'acknowledged') AND r.deadline < now() AND r.id > $2
        ORDER BY r.id LIMIT $3
        """)
}
