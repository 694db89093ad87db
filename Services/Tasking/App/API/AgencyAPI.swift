import Foundation
import HTTP
import Postgres
import Queue
import ServiceKit

/// The agency API: `GET /v1/taskings`, `POST /v1/taskings/{id}/accept`, `POST /v1/taskings/{id}/outcome`.
/// Every route needs an agency key with the `agency:tasking` scope and sees only that agency's
/// taskings: the queries filter by agency and row-level security enforces it again.
struct AgencyAPI: Sendable {
    let pool: PostgresPool
    let queue: JobQueue
    static let maxOutcomeBytes = 64 * 1024

    func register(on router: Router, authenticator: APIKeyAuthenticator) {
        let v1 = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .agencyTasking)])
        v1.get("taskings") { request in try await list(request) }
        v1.post("taskings/{id}/accept") { request in try await accept(request) }
        v1.post("taskings/{id}/outcome", maxBodyBytes: Self.maxOutcomeBytes) { request in try await recordOutcome(request) }
    }

    func list(_ request: Request) async throws -> Response {
        let agency = try request.agencyCode()
        let taskings = try await pool.transaction { connection in
            try await connection.scopeToAgency(agency)
            return try await connection.query(TaskingQueries.listForAgency.binding(agency)).map(TaskingView.init(row:))
        }
        return try Response.json(["taskings": taskings])
    }

    func accept(_ request: Request) async throws -> Response {
        let agency = try request.agencyCode()
        let id = try request.taskingID()
        let principal = try request.principal()
        let accepted = try await pool.transaction { connection in
            try await connection.scopeToAgency(agency)
            guard let current = try await connection.query(TaskingQueries.lockForAgency.binding(id, agency)).single else {
                throw HTTPError(.notFound, detail: "no such tasking for this agency")
            }
            let status = try current.decode(String.self, "status")
            guard status == "new" else { throw HTTPError(.conflict, detail: "the tasking is already \(status)") }
            try await connection.query(TaskingQueries.accept.binding(id, agency))
            let view = try await tasking(id, agency, on: connection)
            try await AuditLog.append(AuditEvent(
                actor: principal.auditActor, action: "tasking.accepted", subjectType: "tasking", subjectID: id.uuidString.lowercased(),
                traceID: try current.decode(String.self, "trace_id")), on: connection)
            return view
        }
        return try Response.json(accepted)
    }

    func tasking(_ id: UUID, _ agency: String, on connection: PostgresConnection) async throws -> TaskingView {
        guard let row = try await connection.query(TaskingQueries.oneForAgency.binding(id, agency)).single else {
            throw HTTPError(.notFound, detail: "no such tasking for this agency")
        }
        return try TaskingView(row: row)
    }
}
