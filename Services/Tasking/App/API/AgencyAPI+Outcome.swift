import Domain
import Foundation
import HTTP
import Postgres
import Queue
import ServiceKit

extension AgencyAPI {
    /// What recording an outcome answers.
    struct RecordedOutcome: Encodable, Sendable {
        let outcomeID: Int64
        let taskingID: String
        let taskingStatus: String
        let outcome: Outcome
        /// `held` when the outcome has a note for partners: it waits for a second officer.
        let noteState: String?

        private enum CodingKeys: String, CodingKey {
            case outcome
            case noteState = "note_state"
            case outcomeID = "outcome_id"
            case taskingID = "tasking_id"
            case taskingStatus = "tasking_status"
        }
    }

    /// Validates the outcome (422 with field paths) and screens its note for partners and its
    /// rationale (422 naming each hit, the refusal audited), then records it, holds the note for a
    /// second officer, moves a new tasking to accepted and enqueues feedback, all in one
    /// transaction. Outcomes never close a tasking (`POST /v1/taskings/{id}/close` does); an
    /// `Idempotency-Key` already used on the tasking is a 409 naming the outcome it recorded.
    func recordOutcome(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let key = try request.idempotencyKey()
        let agency = officer.agency
        let outcome = try await validatedOutcome(request)
        for (field, text) in [("partner_note", outcome.partnerNote), ("rationale", outcome.rationale)] {
            guard let text, let hits = try await screenHits(text, tasking: id, officer: officer), !hits.isEmpty else { continue }
            try await auditScreenRefusal(hits, tasking: id, outcomeID: nil, officer: officer, purpose: purpose)
            throw Self.screenProblem(hits, field: field)
        }
        // Network re-routing updates the same referrals and taskings: a deadlock victim runs again.
        let recorded = try await pool.transactionRetryingTransient { connection in
            try await connection.scopeToAgency(agency)
            guard let tasking = try await connection.query(TaskingQueries.lockForAgency.binding(id, agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            guard try tasking.decode(String.self, "status") != "closed" else {
                throw HTTPError(.conflict, detail: "the tasking is closed; no further outcome can be recorded on it")
            }
            let referralID = try tasking.decode(UUID.self, "referral_id")
            let traceID = try tasking.decode(String.self, "trace_id")
            guard let outcomeID = try await insert(outcome, taskingID: id, agency: agency, by: officer.actor, key: key, on: connection) else {
                let earlier = try await connection.query(OutcomeQueries.byIdempotencyKey.binding(id, key)).single?.decode(Int64.self, "id")
                throw HTTPError(.conflict, detail: "outcome \(earlier.map(String.init) ?? "?") was already recorded on this tasking with this Idempotency-Key")
            }
            if outcome.partnerNote != nil {
                try await connection.query(PartnerNoteQueries.hold.binding(outcomeID, agency, officer.id))
            }
            try await connection.query(TaskingQueries.advance.binding(id))
            try await connection.query(ReferralQueries.markActioned.binding(referralID))
            try await queue.enqueue(
                DeliverFeedback(outcomeID: outcomeID),
                options: InsertOptions(queue: DeliverFeedback.queue, metadata: ["trace_id": traceID]), on: connection)
            try await AuditLog.append(officer.event(
                "tasking.outcome_recorded", subjectID: id.uuidString.lowercased(), traceID: traceID, purpose: purpose,
                detail: ["outcome_id": String(outcomeID), "kind": outcome.kind.rawValue,
                         "note": outcome.partnerNote == nil ? "none" : "held"]), on: connection)
            return RecordedOutcome(
                outcomeID: outcomeID, taskingID: id.uuidString.lowercased(), taskingStatus: "accepted", outcome: outcome,
                noteState: outcome.partnerNote == nil ? nil : "held")
        }
        return try Response.json(recorded, status: .created)
    }

    private func validatedOutcome(_ request: Request) async throws -> Outcome {
        let json = try await request.jsonValue(upTo: Self.maxOutcomeBytes)
        switch OutcomeValidator.validate(json: json, recordedAt: Date()) {
        case .success(let outcome):
            return outcome
        case .failure(let failure):
            throw HTTPError(.unprocessableContent, detail: "the outcome is not valid",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }

    /// The new outcome's id; nil when the tasking already has one under `key`.
    private func insert(
        _ outcome: Outcome, taskingID: UUID, agency: String, by actor: String, key: String?, on connection: PostgresConnection
    ) async throws -> Int64? {
        let rows = try await connection.query(OutcomeQueries.insert.binding(
            taskingID, agency, outcome.kind.rawValue, outcome.homeOfficeCode, PostgresJSON(outcome.disruptions),
            outcome.moneyProtected?.amount, outcome.moneyProtected?.currency, outcome.embargoUntil, outcome.partnerNote,
            PostgresJSON(outcome), actor, outcome.recordedAt, key, outcome.assetsRestrained?.amount, outcome.assetsRestrained?.currency,
            outcome.moneyRepatriated?.amount, outcome.moneyRepatriated?.currency, outcome.disruptionSeverity?.rawValue,
            outcome.suspects, outcome.ocgReference))
        return try rows.single?.decode(Int64.self, "id")
    }
}
