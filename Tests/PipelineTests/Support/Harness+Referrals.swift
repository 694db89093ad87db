import Domain
import Foundation
import Postgres
import Queue
import ServiceKit

extension PipelineHarness {
    /// Stores a referral as intake does (validated, canonical JSON, enrichment job in the same
    /// transaction, intake's login scoped to the partner) and returns its id. Intake's own service
    /// is tested in IntakeTests. Without `enqueue` the referral waits for a test to drive enrichment itself.
    func submit(_ partner: TestPartner, _ json: String, enqueue: Bool = true) async throws -> UUID {
        let raw = try JSONValue(parsing: Data(json.utf8))
        let referral = try ReferralValidator.validate(ReferralSubmission(json: raw)).get()
        let id = UUID()
        let queue = JobQueue(pool: intake)
        try await intake.transaction { connection in
            try await connection.scopeToPartner(partner.id)
            try await connection.query(Self.insertReferral.binding(
                id, partner.id, referral.partnerReference, referral.fingerprint, referral.crimeType.rawValue, referral.summary,
                referral.overseas, referral.gateway.rawValue, referral.markings.tlp.rawValue,
                referral.markings.sourceEvaluation.rawValue, referral.markings.intelligenceAssessment.rawValue,
                referral.markings.handlingCode.rawValue, referral.markings.handlingConditions, "trace-\(referral.partnerReference)",
                PostgresJSON(referral), raw.canonicalText))
            if enqueue {
                try await queue.enqueue(EnrichReferral(referralID: id), options: InsertOptions(queue: EnrichReferral.queue), on: connection)
            }
        }
        return id
    }

    /// Waits until the referral has been through tasking (it has a score and left `enriched`).
    func waitUntilTasked(_ id: UUID) async throws -> Bool {
        try await eventually { try await count("SELECT count(*) FROM referrals WHERE id = $1 AND status = 'tasked'", id) == 1 }
    }

    /// Waits until no job is queued or running in any stage: every re-routing a network's growth
    /// asked for has run.
    func waitUntilIdle() async throws -> Bool {
        try await eventually { try await count("SELECT count(*) FROM occ_jobs") == 0 }
    }

    static let insertReferral = PostgresQuery(
        "test_referrals_insert",
        """
        INSERT INTO referrals (id, partner_id, partner_reference, fingerprint, crime_type, summary, overseas, gateway, tlp,
                               source_eval, intel_assessment, handling_code, handling_conditions, channel, trace_id, canonical, raw)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'json', $14, $15::jsonb, $16::jsonb)
        """)
}
