import Domain
import Foundation
import Postgres
import ServiceKit

extension FeedbackHandler {
    /// Stores the released items of a chunk's deliveries, one statement per partner (row-level
    /// security: the insert's conflict check sees only the partner in scope), and returns each
    /// delivery's items that are new. An item released twice in one chunk (two deliveries of one
    /// outcome) conflicts like one stored before: it is new once.
    func store(_ deliveries: [(outcomeID: Int64, items: [FeedbackItem])], on connection: PostgresConnection) async throws -> [[FeedbackItem]] {
        var byPartner = PartnerGroups<(outcomeID: Int64, item: FeedbackItem, referralID: UUID)>()
        for (outcomeID, items) in deliveries {
            for item in items {
                guard let partnerID = Int64(item.partnerID), let referralID = UUID(uuidString: item.referralID) else { continue }
                byPartner.append((outcomeID, item, referralID), for: partnerID)
            }
        }
        var statements: [PostgresQuery] = []
        for (partnerID, rows) in byPartner.groups {
            statements.append(PostgresConnection.partnerScopeQuery(partnerID))
            statements.append(FeedbackItemQueries.insert.binding(
                partnerID, rows.map(\.item.id), rows.map(\.referralID), rows.map(\.outcomeID), rows.map(\.item.status.rawValue),
                rows.map { $0.item.outcome?.rawValue }, rows.map { PostgresJSON($0.item) }))
        }
        var stored = Set<String>()
        // Every second result is an insert's (the others set the scope).
        for (index, result) in try await connection.pipeline(statements).enumerated() where index % 2 == 1 {
            for row in result { stored.insert(try row.decode(String.self, "id")) }
        }
        return deliveries.map { $0.items.filter { stored.remove($0.id) != nil } }
    }
}
