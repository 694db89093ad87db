import Foundation
import Postgres

/// A tasking's SLA as lists show it: when it is due (the deadline moved on by the time it waited
/// on partners), its state, and when the sweep flagged it.
struct TaskingSLAView: Encodable, Sendable {
    /// `overdue` (on the supervisor list), `warning`, `paused` (waiting on a partner), or `running`.
    let state: String
    let dueAt: Date
    let pausedSince: Date?
    let pausedSeconds: Double
    let warnedAt: Date?
    let overdueAt: Date?

    init(row: PostgresRow) throws {
        dueAt = try row.decode(Date.self, "sla_due_at")
        pausedSince = try row.decode(Date?.self, "sla_paused_since")
        pausedSeconds = try row.decode(Double.self, "sla_paused_seconds")
        warnedAt = try row.decode(Date?.self, "sla_warned_at")
        overdueAt = try row.decode(Date?.self, "sla_overdue_at")
        state = overdueAt != nil ? "overdue" : warnedAt != nil ? "warning" : pausedSince != nil ? "paused" : "running"
    }

    private enum CodingKeys: String, CodingKey {
        case state
        case dueAt = "due_at"
        case pausedSince = "paused_since"
        case pausedSeconds = "paused_seconds"
        case warnedAt = "warned_at"
        case overdueAt = "overdue_at"
    }
}
