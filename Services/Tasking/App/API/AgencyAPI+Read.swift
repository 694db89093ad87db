import HTTP
import Postgres
import ServiceKit

extension AgencyAPI {
    /// `GET /v1/taskings/{id}`: the referral's content, disclosed only with a stated purpose and
    /// only once the `tasking.read` event naming the officer, purpose and gateway has committed with it.
    func read(_ request: Request) async throws -> Response {
        let officer = try request.officer()
        let purpose = try request.purpose()
        let id = try request.taskingID()
        let view = try await pool.transaction { connection in
            try await connection.scopeToAgency(officer.agency)
            guard let row = try await connection.query(TaskingQueries.detailForAgency.binding(id, officer.agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            let view = try TaskingView(row: row)
            try await AuditLog.append(officer.event(
                "tasking.read", subjectID: view.tasking.id, traceID: view.traceID, purpose: purpose,
                detail: ["referral_id": view.tasking.referralID, "gateway": view.gateway.code]), on: connection)
            return view
        }
        return try Response.json(view)
    }
}
