import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension OfficerRequestsAPI {
    /// `POST /v1/taskings/{id}/rfis`: asks the partner that referred the tasking's referral a
    /// question (422 naming fields; the question screened as partner notes are), with a deadline
    /// (by default `RFIDraft.defaultSLA`). Stored, the tasking's SLA clock stopped, both audited
    /// and the question announced to the partner's webhook endpoint (`rfi.asked`), in one transaction.
    func ask(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let json = try await request.jsonValue(upTo: Self.maxBodyBytes)
        let draft: RFIDraft
        switch RFIDraft.validate(json: json, now: Date()) {
        case .success(let valid): draft = valid
        case .failure(let failure):
            throw HTTPError(.unprocessableContent, detail: "the request for information is not valid",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
        guard let hits = try await screen.screenHits(draft.question, tasking: id, officer: officer) else {
            throw HTTPError(.notFound, detail: "no such tasking for this agency")
        }
        if !hits.isEmpty {
            try await screen.auditScreenRefusal(hits, tasking: id, outcomeID: nil, officer: officer, purpose: purpose)
            throw AgencyAPI.screenProblem(hits, field: "question")
        }
        let rfi = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            let context = try await RaiseContext.load(tasking: id, agency: officer.agency, on: connection)
            guard draft.deadline > Date() else {
                throw HTTPError(.unprocessableContent, detail: "the request for information is not valid",
                                errors: [Problem.FieldError(field: "deadline", message: "must be in the future")])
            }
            guard let row = try await connection.query(PartnerRFIQueries.insert.binding(
                id, officer.agency, context.referralID, Int64(context.partnerID), draft.question, draft.deadline, officer.actor,
                officer.id, context.traceID)).single
            else { throw HTTPError(.internalServerError, detail: "the request for information was not stored") }
            let rfi = try PartnerRFI(row: row)
            // The tasking waits on the partner from now: its SLA clock stops (already stopped
            // when another RFI on it is open) until the last open RFI is answered.
            let stopped = try await TaskingSLA.pause(tasking: id, at: rfi.askedAt, on: connection)
            var events = [officer.event(
                "rfi.asked", subjectType: "partner_rfi", subjectID: String(rfi.id), traceID: context.traceID, purpose: purpose,
                detail: ["tasking_id": id.uuidString.lowercased(), "partner_id": context.partnerID, "deadline": Timestamp.format(draft.deadline),
                         "sla_clock": stopped ? "stopped" : "already_stopped"])]
            if stopped {
                events.append(officer.event(
                    "tasking.sla_paused", subjectID: id.uuidString.lowercased(), traceID: context.traceID, purpose: purpose,
                    detail: ["rfi_id": String(rfi.id), "paused_since": Timestamp.format(rfi.askedAt)]))
            }
            try await AuditLog.append(events, on: connection)
            try await announce(rfi, traceID: context.traceID, on: connection)
            return rfi
        }
        return try Response.json(rfi, status: .created)
    }
}
