import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `enrich_referral` for a batch of referrals in one transaction: canonicalises each one's
/// indicators, correlates it with every referral enriched before it (earlier ones of the batch
/// included), joins it to its network, scores the harm, and writes the results, the next stage's
/// jobs (`task_referral` for each, and again for every other member of a network that changed)
/// and the jobs' completions together. A one-job attempt is a batch of one.
///
/// The batch takes its keys' locks once, after every read that needs none: a mass campaign's
/// referrals queue on one key, so what runs under it is what bounds the campaign.
struct EnrichmentHandler: Sendable {
    let queue: JobQueue
    let normaliser: IndicatorNormaliser
    let logger: Logger

    func enrich(_ batch: [(args: EnrichReferral, context: JobContext)], on connection: PostgresConnection) async throws -> [JobOutcome] {
        try await connection.transaction { connection in
            let rows = try await connection.query(ReferralQueries.load.binding(batch.map(\.args.referralID)))
            let loaded = Dictionary(try rows.map { try StoredReferral(row: $0) }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            // A referral named twice in one batch (a redelivery beside its first attempt) is enriched once.
            var seen = Set<UUID>()
            let work = batch.compactMap { item -> Work? in
                guard let referral = loaded[item.args.referralID], seen.insert(referral.id).inserted else { return nil }
                return Work(referral: referral, context: item.context, indicators: referral.referral.indicators.map(normaliser.enriched))
            }
            var triages: [Triage] = []
            for item in work { triages.append(try await triage(item.referral, on: connection)) }
            let plans = try await plans(work.map(\.indicators), on: connection)
            try await connection.query(IndicatorQueries.lockKeys.binding(work.flatMap { $0.indicators.flatMap(\.correlationKeys) }))

            var pending: [PostgresQuery] = [], jobs: [JobInsert] = [], events: [AuditEvent] = []
            for (index, item) in work.enumerated() {
                let correlation = try await correlate(item.referral, plan: plans[index], indicators: item.indicators, on: connection)
                let now = Date()
                let triage = triages[index], loaded = item.referral
                let score = HarmScore.compute(
                    loaded.referral, corroboration: correlation.corroboration, receivedAt: loaded.receivedAt, now: now,
                    ratesToGBP: triage.rates(for: loaded.referral.loss))
                var members = MemberReevaluation.none
                if correlation.network.reevaluate {
                    // Members enriched earlier in this batch are re-scored too: write theirs first.
                    if !pending.isEmpty { _ = try await connection.pipeline(pending) }
                    pending = []
                    members = try await reevaluation(of: correlation.network, joinedBy: loaded, now: now, on: connection)
                }
                pending += [
                    ScoreQueries.upsert.binding(
                        loaded.id, score.value, PostgresJSON(score), correlation.corroboration.distinctPartners,
                        correlation.corroboration.distinctSectors, correlation.linkedReferrals, correlation.network.id,
                        PostgresJSON(correlation.summary), loaded.sector.rawValue,
                        loaded.referral.loss?.approximateGBP(gbpPerUnit: triage.gbpPerUnit), triage.gbpPerUnit,
                        triage.policeForce, triage.rocuRegion),
                    NetworkQueries.raiseScore.binding(correlation.network.id, max(score.value, members.highestScore)),
                    ReferralQueries.markEnriched.binding(loaded.id),
                ] + members.statements
                jobs += [try JobInsert(
                    TaskReferral(referralID: loaded.id),
                    options: InsertOptions(queue: TaskReferral.queue, uniqueKey: "task_referral:\(loaded.id)", metadata: ["trace_id": loaded.traceID]))]
                    + members.jobs
                events += [Self.enriched(loaded, score: score, correlation: correlation)] + members.events
            }
            // The results, the next stage's jobs and every completion in one round trip; then the
            // audit records with COMMIT (plain inserts: the chainer links them later, off this path).
            let contexts = batch.filter { loaded[$0.args.referralID] != nil }.map(\.context)
            guard !contexts.isEmpty else { return batch.map { Self.missing($0.args) } }
            let results = try await connection.pipeline(pending + (try queue.insertStatements(jobs)) + [JobContext.completionStatement(contexts)])
            try JobContext.verifyCompleted(results[results.count - 1], contexts)
            try await connection.pipelineAndCommit(AuditLog.appendStatements(events))
            for item in work {
                logger.info("referral enriched", ["referral_id": item.referral.id.uuidString.lowercased(), "trace_id": item.referral.traceID])
            }
            return batch.map { loaded[$0.args.referralID] == nil ? Self.missing($0.args) : .completedInTransaction }
        }
    }

    private static func missing(_ args: EnrichReferral) -> JobOutcome {
        .discard(reason: "referral \(args.referralID) does not exist or was withdrawn")
    }

    /// One referral of a batch, loaded, with its canonical indicators.
    private struct Work {
        let referral: StoredReferral
        let context: JobContext
        let indicators: [CanonicalIndicator]
    }

    private static func enriched(_ loaded: StoredReferral, score: HarmScore, correlation: Correlation) -> AuditEvent {
        AuditEvent(
            actor: "service:enrichment", action: "referral.enriched", subjectType: "referral",
            subjectID: loaded.id.uuidString.lowercased(), traceID: loaded.traceID,
            detail: ["score": String(score.value), "linked_referrals": String(correlation.linkedReferrals),
                     "distinct_partners": String(correlation.corroboration.distinctPartners),
                     "network_id": String(correlation.network.id),
                     "warninglisted": correlation.plan.warninglisted.joined(separator: " ")])
    }
}
