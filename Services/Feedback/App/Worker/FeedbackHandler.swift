import Domain
import Foundation
import Postgres
import Queue
import Runtime
import ServiceKit

/// Runs `deliver_feedback`: writes sanitised feedback for every partner whose referral is in the
/// network of the outcome's tasking, in one transaction with the job's completion. While an
/// embargo is in force partners hear only "received and being actioned"; a second delivery is
/// scheduled for the moment the embargo lifts.
struct FeedbackHandler: Sendable {
    let queue: JobQueue
    let logger: Logger
    /// Most referrals one outcome's feedback reaches; a larger network is cut in referral order.
    static let maxRecipients = 10_000

    func deliver(_ args: DeliverFeedback, context: JobContext, on connection: PostgresConnection) async throws -> JobOutcome {
        try await connection.transaction { connection in
            guard let row = try await connection.query(OutcomeQueries.load.binding(args.outcomeID)).single else {
                return .discard(reason: "outcome \(args.outcomeID) does not exist")
            }
            let outcome = try JSONDecoder().decode(Outcome.self, from: Data(try row.decode(String.self, "outcome").utf8))
            let traceID = try row.decode(String.self, "trace_id")
            let now = Date()
            let recipients = try await connection.query(
                NetworkQueries.recipients.binding(try row.decode(UUID.self, "referral_id"), Self.maxRecipients))
            for recipient in recipients {
                try await store(recipient: recipient, outcome: outcome, outcomeID: args.outcomeID, now: now, on: connection)
            }
            if outcome.isEmbargoed(at: now), let lifts = outcome.embargoUntil {
                try await queue.enqueue(
                    args,
                    options: InsertOptions(queue: DeliverFeedback.queue, runAt: lifts,
                                           uniqueKey: "deliver_feedback:\(args.outcomeID):\(Timestamp.format(lifts))",
                                           metadata: ["trace_id": traceID]),
                    on: connection)
            }
            try await AuditLog.append(AuditEvent(
                actor: "service:feedback", action: "feedback.written", subjectType: "outcome", subjectID: String(args.outcomeID),
                traceID: traceID, detail: ["recipients": String(recipients.count), "embargoed": String(outcome.isEmbargoed(at: now))]),
                on: connection)
            try await context.complete(on: connection)
            logger.info("feedback written", ["outcome_id": String(args.outcomeID), "trace_id": traceID,
                                             "recipients": String(recipients.count)])
            return .completedInTransaction
        }
    }

    private func store(recipient row: PostgresRow, outcome: Outcome, outcomeID: Int64, now: Date, on connection: PostgresConnection) async throws {
        let partnerID = try row.decode(Int64.self, "partner_id")
        let referralID = try row.decode(UUID.self, "id")
        let markings = try JSONDecoder().decode(HandlingMarkings.self, from: Data(try row.decode(String.self, "markings").utf8))
        let recipient = FeedbackRecipient(
            partnerID: String(partnerID), referralID: referralID.uuidString.lowercased(),
            contributedIndicatorKeys: Set(try row.decode([String].self, "keys")))
        let item = FeedbackSanitiser.feedback(for: recipient, outcome: outcome, referralMarkings: markings, now: now)
        // Row-level security: the insert's conflict check sees only the partner in scope.
        try await connection.scopeToPartner(partnerID)
        try await connection.query(FeedbackItemQueries.insert.binding(
            item.id, partnerID, referralID, outcomeID, item.status.rawValue, item.outcome?.rawValue, PostgresJSON(item)))
    }
}
