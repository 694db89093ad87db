import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension AgencyAPI {
    static let maxCloseBytes = 4 * 1024

    /// `POST /v1/taskings/{id}/close` with `{"reason": "..."}`: the officer's decision that the
    /// agency's work on the tasking is over. Recorded with the reason and officer on the tasking,
    /// audited as `tasking.closed` (the reason stays out of the append-only log: free text may name
    /// people); afterwards no outcome can be recorded (409). Closing twice is a 409.
    func close(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let closure = try await validatedClosure(request)
        let closed = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard let current = try await connection.query(TaskingQueries.lockForAgency.binding(id, officer.agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            guard try current.decode(String.self, "status") != "closed" else { throw HTTPError(.conflict, detail: "the tasking is already closed") }
            try await connection.query(TaskingQueries.close.binding(id, officer.agency, closure.reason, officer.actor))
            guard let row = try await connection.query(TaskingQueries.summaryForAgency.binding(id, officer.agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            try await AuditLog.append(officer.event(
                "tasking.closed", subjectID: id.uuidString.lowercased(), traceID: try current.decode(String.self, "trace_id"),
                purpose: purpose, detail: ["status_before": try current.decode(String.self, "status")]), on: connection)
            return try TaskingSummary(row: row)
        }
        return try Response.json(closed)
    }

    private func validatedClosure(_ request: Request) async throws -> TaskingClosure {
        let json = try await request.jsonValue(upTo: Self.maxCloseBytes)
        switch TaskingClosure.validate(json: json) {
        case .success(let closure):
            return closure
        case .failure(let failure):
            throw HTTPError(.unprocessableContent, detail: "the closing decision is not valid",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }
}
