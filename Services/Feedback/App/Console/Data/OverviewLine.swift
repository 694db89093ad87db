import Postgres

/// One team's or sector's overview figures for one period.
struct OverviewLine: Sendable, Hashable {
    var volume = 0
    var backlog = 0
    var due = 0
    var met = 0
    var overdueTaskings = 0
    var overdueRequests = 0

    /// Taskings that met their SLA as a percentage of those due; nil when none were due.
    var slaCompliance: Double? {
        due == 0 ? nil : (Double(met) * 1000 / Double(due)).rounded() / 10
    }

    init() {}

    init(row: PostgresRow) throws {
        volume = try row.decode(Int.self, "volume")
        backlog = try row.decode(Int.self, "backlog")
        due = try row.decode(Int.self, "due")
        met = try row.decode(Int.self, "met")
        overdueTaskings = try row.decode(Int.self, "overdue")
    }

    /// The value of a RAG measure (`RAGRule.measures`).
    func value(_ measure: String) -> Double? {
        switch measure {
        case "sla_compliance_pct": slaCompliance
        case "backlog": Double(backlog)
        case "overdue_taskings": Double(overdueTaskings)
        case "overdue_requests": Double(overdueRequests)
        default: nil
        }
    }

    /// The count a measure is derived from, which the oversight floor applies to.
    func base(_ measure: String) -> Int {
        switch measure {
        case "sla_compliance_pct": due
        case "backlog": backlog
        case "overdue_taskings": overdueTaskings
        case "overdue_requests": overdueRequests
        default: volume
        }
    }
}
