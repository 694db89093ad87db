import Foundation
import Postgres

extension RetentionDisposer {
    /// Deletes up to `limit` webhook deliveries past their rule's period at `asOf`, in the
    /// caller's transaction, with one audit event for the batch naming the rule and counting
    /// what went (a delivery carries no referral; its feedback item keeps its own retention).
    /// Returns how many were deleted.
    public func disposeDeliveries(asOf: Date, limit: Int, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(RetentionDeliveryQueries.deleteDue.binding(asOf, limit))
        guard let rule = try rows.first?.decode(String.self, "rule") else { return 0 }
        var states: [String: Int] = [:]
        var partners = Set<Int64>()
        for row in rows {
            states[try row.decode(String.self, "state"), default: 0] += 1
            partners.insert(try row.decode(Int64.self, "partner_id"))
        }
        try await AuditLog.append(AuditEvent(
            actor: actor, action: "retention.deleted", subjectType: "retention_class", subjectID: "webhook_deliveries",
            detail: ["rule": rule, "class": "webhook_deliveries", "disposal_action": "delete", "deliveries": String(rows.count),
                     "delivered": String(states["delivered"] ?? 0), "dead": String(states["dead"] ?? 0), "partners": String(partners.count)],
            occurredAt: asOf), on: connection)
        return rows.count
    }
}
