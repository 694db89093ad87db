import Foundation
import Postgres

/// A note for partners awaiting a second officer, as reviewers read it (`GET /v1/notes`).
struct HeldNote: Encodable, Sendable {
    let outcomeID: Int64
    let taskingID: String
    let note: String
    /// The author, as the audit log names them (`officer:42@COLP_FTC`): not the reviewer.
    let author: String
    let recordedAt: Date

    init(row: PostgresRow) throws {
        outcomeID = try row.decode(Int64.self, "outcome_id")
        taskingID = try row.decode(UUID.self, "tasking_id").uuidString.lowercased()
        note = try row.decode(String?.self, "partner_note") ?? ""
        author = try row.decode(String.self, "recorded_by")
        recordedAt = try row.decode(Date.self, "recorded_at")
    }

    private enum CodingKeys: String, CodingKey {
        case note, author
        case outcomeID = "outcome_id"
        case taskingID = "tasking_id"
        case recordedAt = "recorded_at"
    }
}
