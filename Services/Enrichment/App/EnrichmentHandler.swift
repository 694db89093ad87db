import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `enrich_referral`: canonicalises the referral's indicators, correlates them with every
/// referral enriched before it, scores the harm, and — in one transaction with the job's
/// completion — writes the results and enqueues `task_referral`.
struct EnrichmentHandler: Sendable {
    let queue: JobQueue
    let normaliser: IndicatorNormaliser
    let logger: Logger

    func enrich(_ args: EnrichReferral, context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            guard let row = try await connection.query(ReferralQueries.load.binding(args.referralID)).single else {
                return .discard(reason: "referral \(args.referralID) does not exist")
            }
            let loaded = try StoredReferral(id: args.referralID, row: row)
            let indicators = loaded.referral.indicators.map(normaliser.enriched)
            let correlation = try await correlate(loaded, keys: indicators.flatMap(\.correlationKeys), on: connection)
            let score = HarmScore.compute(loaded.referral, corroboration: correlation.corroboration, receivedAt: loaded.receivedAt, now: Date())
            try await connection.query(ScoreQueries.upsert.binding(
                loaded.id, score.value, PostgresJSON(score), correlation.corroboration.distinctPartners,
                correlation.corroboration.distinctSectors, correlation.linkedReferrals))
            try await connection.query(ReferralQueries.markEnriched.binding(loaded.id))
            try await queue.enqueue(
                TaskReferral(referralID: loaded.id),
                options: InsertOptions(queue: TaskReferral.queue, uniqueKey: "task_referral:\(loaded.id)", metadata: ["trace_id": loaded.traceID]),
                on: connection)
            try await AuditLog.append(AuditEvent(
                actor: "service:enrichment", action: "referral.enriched", subjectType: "referral",
                subjectID: loaded.id.uuidString.lowercased(), traceID: loaded.traceID,
                detail: ["score": String(score.value), "linked_referrals": String(correlation.linkedReferrals),
                         "distinct_partners": String(correlation.corroboration.distinctPartners)]),
                on: connection)
            try await context.complete(on: connection)
            logger.info("referral enriched", ["referral_id": loaded.id.uuidString.lowercased(), "trace_id": loaded.traceID,
                                              "score": String(score.value)])
            return .completedInTransaction
        }
    }
}
