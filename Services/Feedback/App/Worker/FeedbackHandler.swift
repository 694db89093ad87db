import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `deliver_feedback`: puts every partner within the policy's hop limit of the outcome's
/// referral through the disclosure decision point (`Disclosure.decide`), stores what it releases,
/// raises a `feedback.released` webhook event for each released item (partners with an endpoint)
/// and audits every decision with its reasons, in one transaction with the job's completion.
/// While any tasking of the network is under embargo a second delivery is scheduled for the
/// moment the network's last embargo lifts; that delivery looks again, so an embargo recorded
/// meanwhile pushes it on rather than being missed.
struct FeedbackHandler: Sendable {
    let queue: JobQueue
    let logger: Logger
    /// Most referrals one outcome's feedback reaches; a larger neighbourhood is cut, nearest first.
    static let maxRecipients = 10_000

    func deliver(_ args: DeliverFeedback, context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            guard let loaded = try await load(args.outcomeID, on: connection) else {
                return .discard(reason: "outcome \(args.outcomeID) does not exist")
            }
            let now = Date()
            let decisions = loaded.recipients.map { Disclosure.decide(loaded.disclosure, for: $0, policy: loaded.policy, now: now) }
            let items = decisions.compactMap(\.item)
            var statements: [PostgresQuery] = []
            var inserts: [(item: FeedbackItem, statement: Int)] = []
            for item in items {
                guard let partnerID = Int64(item.partnerID), let referralID = UUID(uuidString: item.referralID) else { continue }
                // Row-level security: the insert's conflict check sees only the partner in scope.
                statements.append(PostgresConnection.partnerScopeQuery(partnerID))
                inserts.append((item, statements.count))
                statements.append(FeedbackItemQueries.insert.binding(
                    item.id, partnerID, referralID, args.outcomeID, item.status.rawValue, item.outcome?.rawValue, PostgresJSON(item)))
            }
            let results = try await connection.pipeline(statements)
            let fresh = inserts.filter { results[$0.statement].single != nil }.map(\.item)
            try await publish(fresh, outcomeID: args.outcomeID, loaded: loaded, on: connection)
            // Partners with a webhook endpoint are sent each newly released item as it was stored.
            try await WebhookEvents(queue: queue).enqueue(
                try fresh.compactMap { item in
                    guard let partnerID = Int64(item.partnerID) else { return nil }
                    return try WebhookEvent(id: WebhookEvent.id(for: .feedbackReleased, source: item.id), partnerID: partnerID,
                                            type: .feedbackReleased, payload: item)
                },
                traceID: loaded.traceID, on: connection)
            let lifts = loaded.disclosure.embargoLifts(after: now)
            if let lifts {
                try await queue.enqueue(
                    args,
                    options: InsertOptions(queue: DeliverFeedback.queue, runAt: lifts,
                                           uniqueKey: "deliver_feedback:\(args.outcomeID):\(Timestamp.format(lifts))",
                                           metadata: ["trace_id": loaded.traceID]),
                    on: connection)
            }
            try await AuditLog.append(decisions.map { audit($0, outcomeID: args.outcomeID, loaded: loaded) } + [AuditEvent(
                actor: "service:feedback", action: "feedback.written", subjectType: "outcome", subjectID: String(args.outcomeID),
                traceID: loaded.traceID,
                detail: ["recipients": String(items.count), "embargoed": String(lifts != nil),
                         "hop_limit": String(loaded.policy.recipientHopLimit)])],
                on: connection)
            try await context.complete(on: connection)
            logger.info("feedback written", ["outcome_id": String(args.outcomeID), "trace_id": loaded.traceID,
                                             "recipients": String(items.count)])
            return .completedInTransaction
        }
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
