import Domain
import Foundation
import Postgres

extension PartnerRFI {
    /// What every query reading an RFI selects, from `partner_rfis f`.
    public static let columns = """
        f.id, f.tasking_id, f.agency_code, f.referral_id, f.partner_id, f.question, f.deadline, f.asked_by, f.asked_at,
        f.answer, f.answered_at, f.overdue_at
        """

    public init(row: PostgresRow) throws {
        self.init(
            id: try row.decode(Int64.self, "id"), taskingID: try row.decode(UUID.self, "tasking_id").uuidString.lowercased(),
            agency: try row.decode(String.self, "agency_code"), referralID: try row.decode(UUID.self, "referral_id").uuidString.lowercased(),
            partnerID: String(try row.decode(Int64.self, "partner_id")), question: try row.decode(String.self, "question"),
            deadline: try row.decode(Date.self, "deadline"), askedBy: try row.decode(String.self, "asked_by"),
            askedAt: try row.decode(Date.self, "asked_at"), answer: try row.decode(String?.self, "answer"),
            answeredAt: try row.decode(Date?.self, "answered_at"), overdueAt: try row.decode(Date?.self, "overdue_at"))
    }
}
