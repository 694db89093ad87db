import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `deliver_feedback` for a batch of jobs in one transaction: puts every partner within the
/// policy's hop limit of each outcome's referral through the disclosure decision point
/// (`Disclosure.decide`), stores what it releases, raises a `feedback.released` webhook event for
/// each released item (partners with an endpoint) and audits every decision with its reasons,
/// with the jobs' completions. While any tasking of a network is under embargo a second delivery
/// is scheduled for the moment the network's last embargo lifts; that delivery looks again, so an
/// embargo recorded meanwhile pushes it on rather than being missed. A one-job attempt is a batch
/// of one; the policy, outcomes and networks are read, the items stored, published and raised,
/// and the jobs completed, in a fixed number of round trips whatever the batch's size.
struct FeedbackHandler: Sendable {
    let queue: JobQueue
    let logger: Logger
    /// Most referrals one outcome's feedback reaches; a larger neighbourhood is cut, nearest first.
    static let maxRecipients = 10_000

    /// What the decision point decided for one job, and where its inserts' results are.
    struct Decided {
        let args: DeliverFeedback
        let loaded: Loaded
        let decisions: [DisclosureDecision]
        let inserts: [(item: FeedbackItem, statement: Int)]
        let lifts: Date?

        /// Items the decision point released (stored now or before).
        var released: Int { decisions.filter { $0.item != nil }.count }
    }

    func deliver(_ batch: [(args: DeliverFeedback, context: JobContext)], on connection: PostgresConnection) async throws -> [JobOutcome] {
        try await connection.transaction { connection in
            let loads = try await load(batch.map(\.args.outcomeID), on: connection)
            let now = Date()
            var statements: [PostgresQuery] = [], decided: [Decided] = []
            for (job, loaded) in zip(batch, loads) {
                guard let loaded else { continue }
                let decisions = loaded.recipients.map { Disclosure.decide(loaded.disclosure, for: $0, policy: loaded.policy, now: now) }
                var inserts: [(item: FeedbackItem, statement: Int)] = []
                for item in decisions.compactMap(\.item) {
                    guard let partnerID = Int64(item.partnerID), let referralID = UUID(uuidString: item.referralID) else { continue }
                    // Row-level security: the insert's conflict check sees only the partner in scope.
                    statements.append(PostgresConnection.partnerScopeQuery(partnerID))
                    inserts.append((item, statements.count))
                    statements.append(FeedbackItemQueries.insert.binding(
                        item.id, partnerID, referralID, job.args.outcomeID, item.status.rawValue, item.outcome?.rawValue, PostgresJSON(item)))
                }
                decided.append(Decided(args: job.args, loaded: loaded, decisions: decisions, inserts: inserts,
                                       lifts: loaded.disclosure.embargoLifts(after: now)))
            }
            let contexts = zip(batch, loads).filter { $0.1 != nil }.map(\.0.context)
            guard !contexts.isEmpty else { return batch.map { Self.missing($0.args) } }
            // Items inserted earlier in this batch (two deliveries of one outcome) conflict like
            // any stored before: each is fresh once.
            let results = try await connection.pipeline(statements)
            let fresh = decided.map { job in job.inserts.filter { results[$0.statement].single != nil }.map(\.item) }
            try await publish(zip(decided, fresh).map { ($0.args.outcomeID, $0.loaded, $1) }, on: connection)
            // Partners with a webhook endpoint are sent each newly released item as it was stored.
            try await WebhookEvents(queue: queue).enqueue(
                try zip(decided, fresh).flatMap { job, items in
                    try items.compactMap { item -> (event: WebhookEvent, traceID: String?)? in
                        guard let partnerID = Int64(item.partnerID) else { return nil }
                        return (try WebhookEvent(id: WebhookEvent.id(for: .feedbackReleased, source: item.id), partnerID: partnerID,
                                                 type: .feedbackReleased, payload: item), job.loaded.traceID)
                    }
                },
                on: connection)
            try await scheduleEmbargoLifts(decided, on: connection)
            let completed = try await connection.query(JobContext.completionStatement(contexts))
            try JobContext.verifyCompleted(completed, contexts)
            _ = try await connection.pipelineAndCommit(AuditLog.appendStatements(decided.flatMap(audit)))
            for job in decided {
                logger.info("feedback written", ["outcome_id": String(job.args.outcomeID), "trace_id": job.loaded.traceID,
                                                 "recipients": String(job.released)])
            }
            return zip(batch, loads).map { $0.1 == nil ? Self.missing($0.0.args) : .completedInTransaction }
        }
    }

    /// A second delivery of each embargoed outcome when its network's last embargo lifts (one per
    /// outcome and moment: the unique key skips one already scheduled, in this batch or before).
    private func scheduleEmbargoLifts(_ decided: [Decided], on connection: PostgresConnection) async throws {
        var seen: Set<String> = [], jobs: [JobInsert] = []
        for job in decided {
            guard let lifts = job.lifts else { continue }
            let key = "deliver_feedback:\(job.args.outcomeID):\(Timestamp.format(lifts))"
            guard seen.insert(key).inserted else { continue }
            jobs.append(try JobInsert(job.args, options: InsertOptions(
                queue: DeliverFeedback.queue, runAt: lifts, uniqueKey: key, metadata: ["trace_id": job.loaded.traceID])))
        }
        _ = try await queue.enqueueMany(jobs, on: connection)
    }

    /// Every decision of one job, then the delivery's summary.
    private func audit(_ job: Decided) -> [AuditEvent] {
        job.decisions.map { audit($0, outcomeID: job.args.outcomeID, loaded: job.loaded) } + [AuditEvent(
            actor: "service:feedback", action: "feedback.written", subjectType: "outcome", subjectID: String(job.args.outcomeID),
            traceID: job.loaded.traceID,
            detail: ["recipients": String(job.released), "embargoed": String(job.lifts != nil),
                     "hop_limit": String(job.loaded.policy.recipientHopLimit)])]
    }

    private static func missing(_ args: DeliverFeedback) -> JobOutcome {
        .discard(reason: "outcome \(args.outcomeID) does not exist")
    }

    /// One `disclosure.decided` event: who, what verdict, why, under which marking. Never the content.
    private func audit(_ decision: DisclosureDecision, outcomeID: Int64, loaded: Loaded) -> AuditEvent {
        var detail = [
            "gateway": loaded.gateway, "verdict": decision.verdict.rawValue, "reasons": decision.reasons.map(\.rawValue).joined(separator: ","),
            "revealed_referrals": decision.revealedReferralIDs.joined(separator: ","),
        ]
        if let item = decision.item {
            detail["partner_id"] = item.partnerID
            detail["referral_id"] = item.referralID
            detail["item_id"] = item.id
            detail["status"] = item.status.rawValue
            detail["tlp"] = item.tlp.rawValue
            detail["handling_code"] = item.handlingCode.rawValue
        }
        return AuditEvent(
            actor: "service:feedback", action: "disclosure.decided", subjectType: "outcome", subjectID: String(outcomeID),
            traceID: loaded.traceID, detail: detail)
    }
}
