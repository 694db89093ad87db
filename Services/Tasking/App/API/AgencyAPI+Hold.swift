import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension AgencyAPI {
    static let maxHoldBytes = 4 * 1024

    /// `POST /v1/taskings/{id}/hold` with `{"reason": "...", "until": "RFC 3339"}` (until
    /// optional): a legal hold on the tasking's referral, so retention never disposes of it while
    /// the hold is in force. Audited as `legal_hold.placed` with the officer and purpose (the
    /// reason stays out of the append-only log); listed for oversight by `occ retention holds`.
    func hold(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let draft = try await validatedHold(request)
        let hold = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard let current = try await connection.query(TaskingQueries.lockForAgency.binding(id, officer.agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            let referral = try current.decode(UUID.self, "referral_id")
            guard let hold = try await LegalHoldRegistry.insert(
                draft, on: .referral(referral), placedBy: officer.actor, agencyCode: officer.agency, connection: connection) else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            try await AuditLog.append(officer.event(
                "legal_hold.placed", subjectType: "legal_hold", subjectID: String(hold.id), traceID: try current.decode(String.self, "trace_id"),
                purpose: purpose, detail: hold.auditDetail.merging(["tasking": id.uuidString.lowercased()]) { first, _ in first }), on: connection)
            return hold
        }
        var body: [String: JSONValue] = [
            "id": .integer(Int(hold.id)), "tasking_id": .string(id.uuidString.lowercased()), "reason": .string(hold.reason),
            "placed_by": .string(hold.placedBy), "placed_at": .string(Timestamp.format(hold.placedAt)),
        ]
        if let until = hold.until { body["until"] = .string(Timestamp.format(until)) }
        return Response(status: .created, headers: ["Content-Type": "application/json"], body: Array(JSONValue.object(body).canonicalText.utf8))
    }

    private func validatedHold(_ request: Request) async throws -> LegalHoldDraft {
        let json = try await request.jsonValue(upTo: Self.maxHoldBytes)
        guard case .object(let members) = json else {
            throw HTTPError(.unprocessableContent, detail: "the hold is not valid",
                            errors: [Problem.FieldError(field: "body", message: "must be an object with reason and, optionally, until")])
        }
        var errors: [Problem.FieldError] = members.keys.filter { !["reason", "until"].contains($0) }.sorted().map {
            Problem.FieldError(field: $0, message: "is not a field of a hold")
        }
        var until: Date?
        switch members["until"] {
        case nil, .null?: break
        case .string(let text)?:
            until = Timestamp.parse(text)
            if until == nil { errors.append(Problem.FieldError(field: "until", message: "must be an RFC 3339 time")) }
        default: errors.append(Problem.FieldError(field: "until", message: "must be an RFC 3339 time"))
        }
        guard case .string(let reason)? = members["reason"] else {
            errors.append(Problem.FieldError(field: "reason", message: "is required: a string of 3 to 1000 characters"))
            throw HTTPError(.unprocessableContent, detail: "the hold is not valid", errors: errors)
        }
        guard errors.isEmpty else { throw HTTPError(.unprocessableContent, detail: "the hold is not valid", errors: errors) }
        switch LegalHoldDraft.check(reason: reason, until: until, now: Date()) {
        case .success(let draft): return draft
        case .failure(let problem):
            throw HTTPError(.unprocessableContent, detail: "the hold is not valid",
                            errors: [Problem.FieldError(field: problem.field, message: problem.description)])
        }
    }
}
