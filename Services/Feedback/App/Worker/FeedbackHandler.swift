import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `deliver_feedback` for a batch of jobs in one transaction (several when the outcomes reach
/// more than `recipientsPerTransaction` referrals between them): puts every partner within the
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
    /// Most recipients (so items and audited decisions) one transaction handles. An outcome in a
    /// large network reaches hundreds of referrals, and 32 such outcomes in one transaction ran
    /// past the job timeout and retried for ever; so a batch is cut into transactions by
    /// recipients. One outcome is never split.
    let recipientsPerTransaction: Int
    /// Most referrals one outcome's feedback reaches; a larger neighbourhood is cut, nearest first.
    static let maxRecipients = 10_000

    /// What the decision point decided for one job.
    struct Decided {
        let args: DeliverFeedback
        let loaded: Loaded
        let decisions: [DisclosureDecision]
        let lifts: Date?

        /// Items the decision point released (stored now or before).
        var released: Int { decisions.filter { $0.item != nil }.count }
    }

    /// Decides, stores, publishes and audits one chunk's deliveries and completes its jobs, in one transaction.
    func deliver(chunk batch: [Job], on connection: PostgresConnection) async throws -> [JobOutcome] {
        try await connection.transaction { connection in
            let now = Date()
            let decided = batch.compactMap { job -> Decided? in
                guard let loaded = job.loaded else { return nil }
                return Decided(
                    args: job.args, loaded: loaded,
                    decisions: loaded.recipients.map { Disclosure.decide(loaded.disclosure, for: $0, policy: loaded.policy, now: now) },
                    lifts: loaded.disclosure.embargoLifts(after: now))
            }
            let contexts = batch.filter { $0.loaded != nil }.map(\.context)
            guard !contexts.isEmpty else { return batch.map { Self.missing($0.args) } }
            let fresh = try await store(decided.map { ($0.args.outcomeID, $0.decisions.compactMap(\.item)) }, on: connection)
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
            return batch.map { $0.loaded == nil ? Self.missing($0.args) : .completedInTransaction }
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
        zip(job.loaded.recipients, job.decisions).map { audit($1, for: $0, outcomeID: job.args.outcomeID, loaded: job.loaded) } + [AuditEvent(
            actor: "service:feedback", action: "feedback.written", subjectType: "outcome", subjectID: String(job.args.outcomeID),
            traceID: job.loaded.traceID,
            detail: ["recipients": String(job.released), "embargoed": String(job.lifts != nil),
                     "hop_limit": String(job.loaded.policy.recipientHopLimit)])]
    }

    private static func missing(_ args: DeliverFeedback) -> JobOutcome {
        .discard(reason: "outcome \(args.outcomeID) does not exist")
    }

    /// One `disclosure.decided` event: who, what verdict, why, under which marking. Never the content.
    /// One decision's record. It names the referrals whose data the item carries (the recipient's
    /// own and the actioned one) and counts the linked referrals whose partners it may name:
    /// those are the recipients of the same delivery, each with a record of its own. (Listing
    /// them in every record made a delivery's audit grow with the square of its network.)
    private func audit(_ decision: DisclosureDecision, for recipient: DisclosureRecipient, outcomeID: Int64, loaded: Loaded) -> AuditEvent {
        let carried: Set = [recipient.referral.referralID, loaded.disclosure.actioned.referralID]
        let revealed = carried.filter(decision.revealedReferralIDs.contains).sorted()
        var detail = [
            "gateway": loaded.gateway, "verdict": decision.verdict.rawValue, "reasons": decision.reasons.map(\.rawValue).joined(separator: ","),
            "partner_id": recipient.referral.partnerID, "referral_id": recipient.referral.referralID, "hops": String(recipient.hops),
            "revealed_referrals": revealed.joined(separator: ","),
            "revealed_linked": String(decision.revealedReferralIDs.count - revealed.count),
        ]
        if let item = decision.item {
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
