import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

extension EnrichmentHandler {
    /// What re-evaluating a changed network's other members adds to the joining referral's
    /// transaction: their new scores (one statement for all), a `task_referral` job each, and an
    /// audit event each naming the reason.
    struct MemberReevaluation: Sendable {
        let statements: [PostgresQuery]
        let jobs: [JobInsert]
        let events: [AuditEvent]
        let highestScore: Int

        static let none = MemberReevaluation(statements: [], jobs: [], events: [], highestScore: 0)
    }

    /// One member's new score, as `ScoreQueries.rescore` reads it.
    private struct Rescore: Codable, Sendable {
        let referralID: UUID
        let score: Int
        let components: HarmScore
        let distinctPartners: Int
        let distinctSectors: Int
        let linkedReferrals: Int
        let networkID: Int64

        private enum CodingKeys: String, CodingKey {
            case score, components
            case referralID = "referral_id"
            case distinctPartners = "distinct_partners"
            case distinctSectors = "distinct_sectors"
            case linkedReferrals = "linked_referrals"
            case networkID = "network_id"
        }
    }

    /// Re-scores every other member of `network` with the network's corroboration and queues each
    /// for routing again. The job's unique key names the network version, so a redelivered
    /// enrichment adds no second job while one for a later change is still queued separately.
    func reevaluation(of network: NetworkJoin, joinedBy joiner: StoredReferral, now: Date, on connection: PostgresConnection) async throws -> MemberReevaluation {
        let corroboration = Corroboration(distinctPartners: network.partners, distinctSectors: network.sectors)
        let reason = "network \(network.id) changed (merge, new partner or new sector) when referral \(joiner.id.uuidString.lowercased()) joined"
        var rescores: [Rescore] = [], jobs: [JobInsert] = [], events: [AuditEvent] = []
        for row in try await connection.query(NetworkQueries.otherMembers.binding(network.id, joiner.id)) {
            let id = try row.decode(UUID.self, "id")
            let referral = try JSONDecoder().decode(ValidReferral.self, from: Data(try row.decode(String.self, "canonical").utf8))
            let traceID = try row.decode(String.self, "trace_id")
            let rates = try row.decode(Double?.self, "gbp_per_unit").flatMap { rate in referral.loss.map { [$0.currency: rate] } } ?? [:]
            let score = HarmScore.compute(
                referral, corroboration: corroboration, receivedAt: try row.decode(Date.self, "received_at"), now: now, ratesToGBP: rates)
            rescores.append(Rescore(
                referralID: id, score: score.value, components: score, distinctPartners: corroboration.distinctPartners,
                distinctSectors: corroboration.distinctSectors, linkedReferrals: try row.decode(Int.self, "linked"), networkID: network.id))
            jobs.append(try JobInsert(
                TaskReferral(referralID: id, reason: reason),
                options: InsertOptions(
                    queue: TaskReferral.queue, uniqueKey: "task_referral:\(id):network-\(network.id)-v\(network.version)",
                    metadata: ["trace_id": traceID])))
            events.append(AuditEvent(
                actor: "service:enrichment", action: "referral.rescored", subjectType: "referral",
                subjectID: id.uuidString.lowercased(), traceID: traceID,
                detail: ["score": String(score.value), "distinct_partners": String(corroboration.distinctPartners),
                         "network_id": String(network.id), "reason": reason]))
        }
        guard !rescores.isEmpty else { return .none }
        return MemberReevaluation(
            statements: [ScoreQueries.rescore.binding(PostgresJSON(rescores))], jobs: jobs, events: events,
            highestScore: rescores.map(\.score).max() ?? 0)
    }
}
