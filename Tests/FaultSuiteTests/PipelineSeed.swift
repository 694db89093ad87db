import Foundation
import Postgres
import Queue
import ServiceKit

/// Writes the traces the pipeline leaves — rows, audit events, jobs — one stage at a time, so a
/// test can build referrals that are complete, stranded, lost or duplicated on purpose.
struct PipelineSeed {
    let connection: PostgresConnection
    let queue: JobQueue
    let partnerID: Int64

    static let partner = PostgresQuery("seed_partner", "INSERT INTO partners (name, sector) VALUES ($1, 'telco') RETURNING id")
    static let referral = PostgresQuery("seed_referral", """
        INSERT INTO referrals (id, partner_id, partner_reference, fingerprint, crime_type, overseas, gateway, tlp, source_eval,
                               intel_assessment, handling_code, channel, trace_id, canonical, raw)
        VALUES ($1, $2, $3, repeat('a', 64), 'fraud.other', false, 'eccta_2023_ss188_189', 'AMBER', 2, 'B', 'P', 'json', 'seed', '{}', '{}')
        """)
    static let score = PostgresQuery("seed_score", """
        INSERT INTO referral_scores (referral_id, score, components, distinct_partners, distinct_sectors, linked_referrals)
        VALUES ($1, 50, '{}', 1, 1, 0)
        """)
    static let tasking = PostgresQuery("seed_tasking", """
        INSERT INTO taskings (referral_id, agency_code, priority, sla_deadline, rule_ids) VALUES ($1, 'REPORT_FRAUD', 'P3', now() + interval '1 day', '{}')
        RETURNING id
        """)
    static let outcome = PostgresQuery("seed_outcome", """
        INSERT INTO outcomes (tasking_id, agency_code, kind, outcome, recorded_by, recorded_at)
        VALUES ($1, 'REPORT_FRAUD', 'disrupted', '{}', 'seed', now()) RETURNING id
        """)
    static let feedbackItem = PostgresQuery("seed_feedback_item", """
        INSERT INTO feedback_items (id, partner_id, referral_id, outcome_id, status, item) VALUES (md5($3::bigint::text) || md5($3::bigint::text), $1, $2, $3::bigint, 'outcome_recorded', '{}')
        """)
    /// Finishes a job as a worker's completion does: out of the hot table into history.
    static let complete = PostgresQuery("seed_complete", """
        WITH done AS (DELETE FROM occ_jobs WHERE id = $1 RETURNING *)
        INSERT INTO occ_job_history (id, queue, kind, args, metadata, state, priority, attempt, max_attempts, attempted_by, errors, unique_key, created_at, attempted_at)
        SELECT id, queue, kind, args, metadata, 'completed', priority, 1, max_attempts, 'seed', errors, unique_key, created_at, now() FROM done
        """)
    /// A job gone without completing: what a lost job looks like.
    static let dropJob = PostgresQuery("seed_drop_job", "DELETE FROM occ_jobs WHERE id = $1")
    static let claim = PostgresQuery("seed_claim", """
        UPDATE occ_jobs SET state = 'running', attempt = 1, attempted_by = 'seed', lease_expires_at = now() + interval '1 minute' WHERE id = $1
        """)

    static func start(on connection: PostgresConnection, pool: PostgresPool) async throws -> PipelineSeed {
        let id = try await connection.query(partner.binding("Seed partner \(UUID().uuidString)")).single!.decode(Int64.self, "id")
        return PipelineSeed(connection: connection, queue: JobQueue(pool: pool), partnerID: id)
    }

    /// A stored referral with its `referral.received` event and its enrichment job still queued.
    func received() async throws -> (referral: UUID, job: Int64) {
        let id = UUID()
        try await connection.query(Self.referral.binding(id, partnerID, "SEED-\(id.uuidString)"))
        try await audit("referral.received", id)
        let job = try await queue.enqueue(EnrichReferral(referralID: id), options: InsertOptions(queue: EnrichReferral.queue), on: connection)
        return (id, job.id)
    }

    /// Enrichment's work on `referral`: the score, the event, the completion and the next job.
    func enriched(_ referral: UUID, job: Int64) async throws -> Int64 {
        try await connection.query(Self.score.binding(referral))
        try await audit("referral.enriched", referral)
        try await connection.query(Self.complete.binding(job))
        return try await queue.enqueue(TaskReferral(referralID: referral), options: InsertOptions(queue: TaskReferral.queue), on: connection).id
    }

    /// Tasking's work: the tasking, the event and the completion. Returns the tasking id.
    func tasked(_ referral: UUID, job: Int64) async throws -> UUID {
        let tasking = try await connection.query(Self.tasking.binding(referral)).single!.decode(UUID.self, "id")
        try await audit("referral.tasked", referral)
        try await connection.query(Self.complete.binding(job))
        return tasking
    }

    /// A referral through all three stages.
    func complete() async throws -> (referral: UUID, tasking: UUID) {
        let (referral, job) = try await received()
        let next = try await enriched(referral, job: job)
        return (referral, try await tasked(referral, job: next))
    }

    /// An outcome on `tasking` with its feedback job queued.
    func outcome(on tasking: UUID) async throws -> (outcome: Int64, job: Int64) {
        let id = try await connection.query(Self.outcome.binding(tasking)).single!.decode(Int64.self, "id")
        let job = try await queue.enqueue(DeliverFeedback(outcomeID: id), options: InsertOptions(queue: DeliverFeedback.queue), on: connection)
        return (id, job.id)
    }

    /// Feedback's work on an outcome of `referral`.
    func feedback(_ outcome: Int64, referral: UUID, job: Int64) async throws {
        try await connection.query(Self.feedbackItem.binding(partnerID, referral, outcome))
        _ = try await AuditLog.append(AuditEvent(
            actor: "seed", action: "feedback.written", subjectType: "outcome", subjectID: String(outcome)), on: connection)
        try await connection.query(Self.complete.binding(job))
    }

    func audit(_ action: String, _ referral: UUID) async throws {
        _ = try await AuditLog.append(AuditEvent(
            actor: "seed", action: action, subjectType: "referral", subjectID: referral.uuidString.lowercased()), on: connection)
    }
}
