import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `enrich_referral`: canonicalises the referral's indicators, correlates them with every
/// referral enriched before it, joins it to its network, scores the harm, and — in one
/// transaction with the job's completion — writes the results and enqueues `task_referral`
/// (for the referral, and again for every other member when the network changed).
struct EnrichmentHandler: Sendable {
    let queue: JobQueue
    let normaliser: IndicatorNormaliser
    let logger: Logger

    func enrich(_ args: EnrichReferral, context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            guard let row = try await connection.query(ReferralQueries.load.binding(args.referralID)).single else {
                return .discard(reason: "referral \(args.referralID) does not exist or was withdrawn")
            }
            let loaded = try StoredReferral(id: args.referralID, row: row)
            let correlation = try await correlate(loaded, indicators: loaded.referral.indicators.map(normaliser.enriched), on: connection)
            let triage = try await triage(loaded, on: connection)
            let now = Date()
            let score = HarmScore.compute(
                loaded.referral, corroboration: correlation.corroboration, receivedAt: loaded.receivedAt, now: now,
                ratesToGBP: triage.rates(for: loaded.referral.loss))
            let members = correlation.network.reevaluate
                ? try await reevaluation(of: correlation.network, joinedBy: loaded, now: now, on: connection)
                : MemberReevaluation.none
            // The results, the next stage's jobs and this job's completion in one round trip; then
            // the audit records with COMMIT (plain inserts: the chainer links them later, off this path).
            let taskJob = try JobInsert(
                TaskReferral(referralID: loaded.id),
                options: InsertOptions(queue: TaskReferral.queue, uniqueKey: "task_referral:\(loaded.id)", metadata: ["trace_id": loaded.traceID]))
            let event = AuditEvent(
                actor: "service:enrichment", action: "referral.enriched", subjectType: "referral",
                subjectID: loaded.id.uuidString.lowercased(), traceID: loaded.traceID,
                detail: ["score": String(score.value), "linked_referrals": String(correlation.linkedReferrals),
                         "distinct_partners": String(correlation.corroboration.distinctPartners),
                         "network_id": String(correlation.network.id),
                         "warninglisted": correlation.plan.warninglisted.joined(separator: " ")])
            let results = try await connection.pipeline(
                [ScoreQueries.upsert.binding(
                    loaded.id, score.value, PostgresJSON(score), correlation.corroboration.distinctPartners,
                    correlation.corroboration.distinctSectors, correlation.linkedReferrals, correlation.network.id,
                    PostgresJSON(correlation.summary), loaded.sector.rawValue,
                    loaded.referral.loss?.approximateGBP(gbpPerUnit: triage.gbpPerUnit), triage.gbpPerUnit,
                    triage.policeForce, triage.rocuRegion),
                 NetworkQueries.raiseScore.binding(correlation.network.id, max(score.value, members.highestScore)),
                 ReferralQueries.markEnriched.binding(loaded.id)]
                + members.statements
                + (try queue.insertStatements([taskJob] + members.jobs)) + [context.completionStatement])
            try context.verifyCompleted(results[results.count - 1])
            try await connection.pipelineAndCommit(AuditLog.appendStatements([event] + members.events))
            logger.info("referral enriched", ["referral_id": loaded.id.uuidString.lowercased(), "trace_id": loaded.traceID,
                                              "score": String(score.value), "network_id": String(correlation.network.id)])
            return .completedInTransaction
        }
    }
}
