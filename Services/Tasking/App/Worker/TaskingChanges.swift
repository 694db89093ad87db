import Postgres

/// The taskings one routing created or raised (the rows `TaskingQueries.upsert` returned), for
/// the audit event.
struct TaskingChanges: Sendable {
    let created: [String]
    let raised: [String]

    init(_ rows: [PostgresRow]) throws {
        var created: [String] = [], raised: [String] = []
        for row in rows where row.columns.names.contains("created") {
            let entry = "\(try row.decode(String.self, "agency_code")) \(try row.decode(String.self, "priority"))"
            if try row.decode(Bool.self, "created") { created.append(entry) } else { raised.append(entry) }
        }
        self.created = created
        self.raised = raised
    }

    func detail(teams: String, reason: String?) -> [String: String] {
        var detail = ["teams": teams, "created": created.joined(separator: ","), "raised": raised.joined(separator: ",")]
        if let reason { detail["reason"] = reason }
        return detail
    }
}
