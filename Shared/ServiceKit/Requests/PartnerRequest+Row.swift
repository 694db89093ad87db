import Domain
import Foundation
import Postgres

extension PartnerRequest {
    /// What every query reading a request selects, from `partner_requests r`.
    public static let columns = """
        r.id, r.tasking_id, r.agency_code, r.kind, r.indicator_kind, r.indicator_value, r.indicator_key, r.gateway, r.tlp,
        r.deadline, r.note, r.status, r.raised_by, r.raised_at, r.acknowledged_at, r.acted_by, r.acted_at, r.completed_at,
        trim_scale(r.amount)::text AS amount, r.currency, r.evidence_reference, r.declined_reason, r.overdue_at,
        ARRAY(SELECT x.partner_id::text FROM partner_request_recipients x WHERE x.request_id = r.id ORDER BY x.partner_id) AS addressees
        """

    /// A row of `columns`. The addressees are those the reader may see (row-level security: a
    /// partner sees only itself).
    public init(row: PostgresRow) throws {
        let status = try row.decode(String.self, "status")
        let tlp = try row.decode(String.self, "tlp")
        guard let state = RequestStatus(rawValue: status), let marking = TLP(rawValue: tlp) else {
            throw PostgresError(.decoding, queryName: "partner_requests", reason: "unknown status \(status) or TLP \(tlp) in database")
        }
        var completion: RequestCompletion?
        if let completedAt = try row.decode(Date?.self, "completed_at") {
            var amount: Money?
            if let text = try row.decode(String?.self, "amount"), let currency = try row.decode(String?.self, "currency") {
                guard case .success(let money) = Money.parse(amount: text, currency: currency, maximumMajorUnits: Int64.max / 1_000) else {
                    throw PostgresError(.decoding, queryName: "partner_requests", reason: "request amount \(text) \(currency) is not valid money")
                }
                amount = money
            }
            completion = RequestCompletion(completedAt: completedAt, amount: amount, reference: try row.decode(String?.self, "evidence_reference"))
        }
        self.init(
            id: try row.decode(Int64.self, "id"), taskingID: try row.decode(UUID.self, "tasking_id").uuidString.lowercased(),
            agency: try row.decode(String.self, "agency_code"), kind: try row.decode(String.self, "kind"),
            indicatorKind: try row.decode(String.self, "indicator_kind"), indicatorValue: try row.decode(String.self, "indicator_value"),
            indicatorKey: try row.decode(String.self, "indicator_key"), gateway: try row.decode(String.self, "gateway"), tlp: marking,
            deadline: try row.decode(Date.self, "deadline"), note: try row.decode(String?.self, "note"), status: state,
            raisedBy: try row.decode(String.self, "raised_by"), raisedAt: try row.decode(Date.self, "raised_at"),
            acknowledgedAt: try row.decode(Date?.self, "acknowledged_at"), actedBy: try row.decode(Int64?.self, "acted_by").map(String.init),
            actedAt: try row.decode(Date?.self, "acted_at"), completion: completion,
            declinedReason: try row.decode(String?.self, "declined_reason"), overdueAt: try row.decode(Date?.self, "overdue_at"),
            addressees: try row.decode([String].self, "addressees"))
    }
}
